import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo's root folder. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The folders pnpm-workspace.yaml lists, each holding one package per subfolder. */
const WORKSPACE_FOLDERS = ['packages', 'apps', 'tools'];

export interface WorkspacePackage {
  readonly name: string;
  readonly version: string;
  readonly private: boolean;
  /** Folder relative to the root, e.g. `packages/core`. */
  readonly folder: string;
  readonly manifest: Record<string, unknown>;
}

/** Every package of the workspace rooted at `root`, sorted by name. */
export function workspacePackages(root: string = repoRoot): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const folder of WORKSPACE_FOLDERS) {
    const parent = join(root, folder);
    if (!existsSync(parent)) continue;
    for (const child of readdirSync(parent)) {
      const file = join(parent, child, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      found.push({
        name: String(manifest.name),
        version: String(manifest.version),
        private: manifest.private === true,
        folder: relative(root, join(parent, child)),
        manifest,
      });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The packages that are published to npm. */
export function publicPackages(root: string = repoRoot): WorkspacePackage[] {
  return workspacePackages(root).filter((pkg) => !pkg.private);
}

/**
 * Copies what changesets reads (the root manifest, the workspace file, the pnpm hooks, the
 * pending changesets and every package's package.json) into `destination`, with the repo's
 * node_modules linked in, and commits it on a `main` branch so `changeset status` has a base.
 */
export function copyWorkspaceManifests(destination: string): void {
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.pnpmfile.cjs']) {
    cpSync(join(repoRoot, file), join(destination, file));
  }
  cpSync(join(repoRoot, '.changeset'), join(destination, '.changeset'), { recursive: true });
  for (const pkg of workspacePackages()) {
    mkdirSync(join(destination, pkg.folder), { recursive: true });
    cpSync(
      join(repoRoot, pkg.folder, 'package.json'),
      join(destination, pkg.folder, 'package.json'),
    );
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(destination, 'node_modules'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: destination, stdio: 'pipe', env: gitEnvironment() });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'workspace copy');
}

function gitEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'fanin release check',
    GIT_AUTHOR_EMAIL: 'release-check@localhost',
    GIT_COMMITTER_NAME: 'fanin release check',
    GIT_COMMITTER_EMAIL: 'release-check@localhost',
  };
}

/** Runs the repo's changesets CLI in `cwd` and returns what it printed. */
export function changeset(cwd: string, ...args: string[]): string {
  const bin = join(repoRoot, 'tools', 'release', 'node_modules', '@changesets', 'cli', 'bin.js');
  return execFileSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}
