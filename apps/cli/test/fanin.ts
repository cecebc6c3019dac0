import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built executable the tests run: apps/cli/dist/bin.js. */
export const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js');
/** apps/cli/examples. */
export const EXAMPLES = join(import.meta.dirname, '..', 'examples');

/** Fails with a clear message when the CLI has not been built. */
export function requireBuild(): void {
  if (!existsSync(BIN))
    throw new Error(
      `${BIN} is missing: the CLI tests run the built command. Build it first: pnpm --filter @fanin/cli build (turbo run test builds it)`,
    );
}

/** What a finished `fanin` process left. */
export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node dist/bin.js ...args` in `cwd`; stdout and stderr are collected. */
export function start(
  args: readonly string[],
  cwd: string,
): { child: ChildProcess; done: Promise<Run>; stderr: () => string } {
  requireBuild();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, FANIN_DEBUG: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}

/** Runs `fanin ...args` in `cwd` to the end. */
export function fanin(args: readonly string[], cwd: string): Promise<Run> {
  return start(args, cwd).done;
}

/** A fresh temporary directory. */
export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'fanin-cli-'));
}

/** Writes a JSON (or raw text) file in `directory` and returns its path. */
export function writeFile(directory: string, name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A small model file on the spiral dataset (2 features, 3 classes): trains in a second. */
export function spiralModel(training: Record<string, unknown> = {}) {
  return {
    inputShape: [2],
    seed: 1,
    layers: [
      { dense: 16, activation: 'tanh', init: 'glorotNormal' },
      { dense: 16, activation: 'relu', init: 'heNormal' },
      { dense: 3 },
    ],
    training: {
      dataset: { type: 'spiral', pointsPerClass: 60 },
      train: 120,
      validation: 60,
      epochs: 3,
      batchSize: 30,
      optimizer: { type: 'adam', learningRate: 0.01 },
      ...training,
    },
  };
}
