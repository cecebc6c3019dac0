import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeset,
  copyWorkspaceManifests,
  publicPackages,
  type WorkspacePackage,
} from './workspace.js';

// The rule (docs/decisions/0005-versioning-while-0x.md): while fanin is 0.x every public
// package moves together, a core minor is a minor for its dependents, and nothing reaches 1.0.0
// without a decision to do so.

interface StatusRelease {
  name: string;
  type: string;
  oldVersion: string;
  newVersion: string;
}

function versionsIn(root: string): Map<string, string> {
  return new Map(publicPackages(root).map((pkg) => [pkg.name, pkg.version]));
}

function addChangeset(root: string, file: string, bumps: Record<string, string>, summary: string) {
  const header = Object.entries(bumps)
    .map(([name, type]) => `'${name}': ${type}`)
    .join('\n');
  writeFileSync(join(root, '.changeset', file), `---\n${header}\n---\n\n${summary}\n`);
}

describe('versioning while 0.x', () => {
  let root: string;
  let before: WorkspacePackage[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fanin-versioning-'));
    copyWorkspaceManifests(root);
    before = publicPackages(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('plans the pending changesets as one version below 1.0.0 for every public package', () => {
    changeset(root, 'status', '--output=status.json');
    const plan = JSON.parse(readFileSync(join(root, 'status.json'), 'utf8')) as {
      releases: StatusRelease[];
    };
    const planned = new Map(plan.releases.map((release) => [release.name, release]));
    const versions = new Set<string>();
    for (const pkg of before) {
      const release = planned.get(pkg.name);
      // A package with nothing pending stays where it is; the fixed group releases all or none.
      const next = release?.newVersion ?? pkg.version;
      expect(semver.lt(next, '1.0.0'), `${pkg.name} would be released as ${next}`).toBe(true);
      expect(release?.type ?? 'none', `${pkg.name} gets a ${release?.type} bump`).not.toBe('major');
      versions.add(next);
    }
    expect([...versions]).toHaveLength(1);
  });

  it('writes the planned versions and a CHANGELOG.md for every public package', () => {
    changeset(root, 'version');
    const after = versionsIn(root);
    const next = new Set(after.values());
    expect(next.size).toBe(1);
    const [version] = [...next];
    expect(semver.major(version!)).toBe(0);
    for (const pkg of before) {
      const difference = semver.diff(pkg.version, after.get(pkg.name)!);
      expect([null, 'patch', 'minor']).toContain(difference);
      expect(existsSync(join(root, pkg.folder, 'CHANGELOG.md')), `${pkg.name}/CHANGELOG.md`).toBe(
        true,
      );
    }
  });

  it('keeps a later core minor a minor for the plugins that declare core as a peer', () => {
    const previous = versionsIn(root);
    addChangeset(root, 'core-minor.md', { '@fanin/core': 'minor' }, 'A new core feature.');
    changeset(root, 'version');
    const after = versionsIn(root);
    const peersOfCore = before.filter((pkg) => {
      const peers = pkg.manifest.peerDependencies as Record<string, string> | undefined;
      return peers?.['@fanin/core'] !== undefined;
    });
    expect(peersOfCore.map((pkg) => pkg.name)).toContain('@fanin/activations');
    for (const [name, version] of after) {
      expect(version, name).toBe(semver.inc(previous.get(name)!, 'minor'));
    }
  });

  it('makes a core patch a patch for the whole family', () => {
    const previous = versionsIn(root);
    addChangeset(root, 'core-patch.md', { '@fanin/core': 'patch' }, 'A core fix.');
    changeset(root, 'version');
    for (const [name, version] of versionsIn(root)) {
      expect(version, name).toBe(semver.inc(previous.get(name)!, 'patch'));
    }
  });

  it('publishes a plugin with a peer range on the core minor being released', () => {
    const require = createRequire(import.meta.url);
    const hooks = require(join(root, '.pnpmfile.cjs')).hooks as {
      beforePacking: (manifest: Record<string, unknown>) => Record<string, unknown>;
    };
    const versions = versionsIn(root);
    const core = versions.get('@fanin/core')!;
    for (const pkg of publicPackages(root)) {
      const peers = pkg.manifest.peerDependencies as Record<string, string> | undefined;
      if (!peers?.['@fanin/core']) continue;
      expect(peers['@fanin/core'], `${pkg.name} in the repo`).toBe('workspace:0.x');
      const packed = hooks.beforePacking(structuredClone(pkg.manifest));
      const packedPeers = packed.peerDependencies as Record<string, string>;
      expect(packedPeers['@fanin/core'], `${pkg.name} as published`).toBe(`^${core}`);
      expect(semver.satisfies(semver.inc(core, 'minor')!, packedPeers['@fanin/core']!)).toBe(false);
    }
  });

  it('lists CHANGELOG.md in the files of every public package', () => {
    for (const pkg of publicPackages()) {
      expect(pkg.manifest.files as string[], pkg.name).toContain('CHANGELOG.md');
    }
  });
});
