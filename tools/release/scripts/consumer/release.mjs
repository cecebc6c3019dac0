// The release as the maintainers run it, on a throwaway copy of the working tree:
// `pnpm version-packages` (changeset version), then `pnpm release` (build + changeset publish)
// against the local registry. Then every published tarball is fetched back and read.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { log, run, StepError } from './shell.mjs';

/**
 * Copies the files git knows of (tracked and untracked-but-not-ignored, as in the working tree)
 * from `repoRoot` into `destination`.
 */
export function copyWorkingTree(repoRoot, destination) {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let copied = 0;
  for (const file of listed.split('\0')) {
    if (!file) continue;
    const from = join(repoRoot, file);
    try {
      mkdirSync(dirname(join(destination, file)), { recursive: true });
      copyFileSync(from, join(destination, file));
      copied++;
    } catch (error) {
      // a tracked file deleted in the working tree is not part of it
      if (error.code !== 'ENOENT') throw error;
    }
  }
  return copied;
}

function pnpmCommand(repoRoot) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const pinned = String(manifest.packageManager).replace(/^pnpm@/, '');
  return { command: 'npx', prefix: ['--yes', `pnpm@${pinned}`] };
}

/**
 * Versions and publishes every public package from a copy of the repo.
 * @returns {Promise<Array<{ name: string, version: string, folder: string }>>}
 */
export async function releaseToRegistry({ repoRoot, folder, registryEnv }) {
  const copied = copyWorkingTree(repoRoot, folder);
  log(`release: copied ${copied} files of the working tree`);
  const pnpm = pnpmCommand(repoRoot);
  const plain = { ...process.env, CI: 'true', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
  const inCopy = (args, env = plain, timeout = 600_000) =>
    run(pnpm.command, [...pnpm.prefix, ...args], { cwd: folder, env, timeout });
  await inCopy(['install', '--frozen-lockfile', '--prefer-offline']);
  await inCopy(['run', 'version-packages']);
  await inCopy(
    ['run', 'release'],
    { ...registryEnv, CI: 'true', TURBO_TELEMETRY_DISABLED: '1' },
    900_000,
  );
  const listed = execFileSync(process.execPath, ['-e', releasedPackagesScript], {
    cwd: folder,
    encoding: 'utf8',
  });
  const released = JSON.parse(listed);
  if (released.length === 0) throw new StepError('the release published no package');
  return released;
}

// Reads the versioned manifests of the copy (run with the copy as cwd).
const releasedPackagesScript = `
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const found = [];
for (const parent of ['packages', 'apps']) {
  for (const child of readdirSync(parent)) {
    const file = parent + '/' + child + '/package.json';
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, folder: parent + '/' + child });
  }
}
process.stdout.write(JSON.stringify(found));
`;

/**
 * Fetches each released package's tarball from the registry and reads its size, its file list
 * and its package.json.
 */
export async function inspectTarballs({ released, url, folder }) {
  const results = [];
  for (const { name, version } of released) {
    const response = await fetch(`${url}${name.replace('/', '%2f')}`);
    if (!response.ok)
      throw new StepError(`${name}: the registry has no packument (${response.status})`);
    const packument = await response.json();
    const entry = packument.versions?.[version];
    if (!entry) {
      throw new StepError(
        `${name}@${version} is not on the registry (has ${Object.keys(packument.versions ?? {})})`,
      );
    }
    const tarball = await fetch(entry.dist.tarball);
    const bytes = Buffer.from(await tarball.arrayBuffer());
    const file = join(folder, `${name.replace('/', '-')}-${version}.tgz`);
    writeFileSync(file, bytes);
    const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
    );
    results.push({
      name,
      version,
      tarballBytes: bytes.length,
      files,
      manifest,
      distTags: packument['dist-tags'],
    });
  }
  return results;
}
