// Fresh npm projects outside the monorepo, as a user makes them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.mjs';

/**
 * `npm init -y` in a new folder of the work area, as an ES module project unless `type` says
 * otherwise. Returns helpers bound to that folder and the registry environment.
 */
export async function freshProject(area, name, env, { type = 'module' } = {}) {
  const cwd = area.folder(name);
  await run('npm', ['init', '-y'], { cwd, env });
  const manifestFile = join(cwd, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (type) manifest.type = type;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    cwd,
    /** @param {string[]} specs */
    install: (specs, flags = []) =>
      run('npm', ['install', '--no-audit', '--no-fund', ...flags, ...specs], {
        cwd,
        env,
        timeout: 600_000,
      }),
    node: (args, options = {}) => run(process.execPath, args, { cwd, env, ...options }),
    npx: (args, options = {}) => run('npx', ['--no-install', ...args], { cwd, env, ...options }),
    write: (file, text) => writeFileSync(join(cwd, file), text),
    /** Bytes on disk under node_modules. */
    installedBytes: () => diskBytes(join(cwd, 'node_modules')),
  };
}

/** Bytes on disk under a folder (du, as a user would measure it). */
export function diskBytes(folder) {
  const out = execFileSync('du', ['-sb', folder], { encoding: 'utf8' });
  return Number(out.split(/\s/)[0]);
}

/** Number of installed packages under a node_modules folder (each package.json with a name). */
export function packageCount(nodeModules) {
  const out = execFileSync(
    'find',
    [
      nodeModules,
      '-name',
      'package.json',
      '-not',
      '-path',
      '*/test/*',
      '-not',
      '-path',
      '*/dist/*',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let count = 0;
  for (const file of out.split('\n')) {
    if (!file) continue;
    const relative = file.slice(nodeModules.length + 1);
    const parts = relative.split('/');
    // node_modules/<name>/package.json or node_modules/@scope/<name>/package.json
    const depth = parts[0]?.startsWith('@') ? 3 : 2;
    const inner = parts.lastIndexOf('node_modules');
    const tail = inner >= 0 ? parts.slice(inner + 1) : parts;
    const tailDepth = tail[0]?.startsWith('@') ? 3 : 2;
    if ((inner < 0 && parts.length === depth) || (inner >= 0 && tail.length === tailDepth)) count++;
  }
  return count;
}

export function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Fails with `message` when `condition` is false. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}
