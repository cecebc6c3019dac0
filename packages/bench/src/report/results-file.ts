import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryRoot } from '../repository.js';
import type { SuiteResult } from '../suite.js';

/** Where results go by default: <repo>/bench/results (gitignored), else ./bench-results. */
export function defaultResultsDirectory(): string {
  const root = repositoryRoot();
  return root ? join(root, 'bench', 'results') : resolve('bench-results');
}

/** Writes the result as `<directory>/<timestamp>.json` and returns the file's path. */
export function writeResults(result: SuiteResult, directory = defaultResultsDirectory()): string {
  mkdirSync(directory, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const path = join(directory, `${stamp}${result.mode === 'quick' ? '-quick' : ''}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
