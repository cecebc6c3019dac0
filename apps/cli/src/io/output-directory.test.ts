import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError } from '../cli/errors.js';
import {
  keepOutputDirectories,
  prepareOutputDirectory,
  removeEmptyOutputDirectories,
} from './output-directory.js';

const directory = () => mkdtempSync(join(tmpdir(), 'fanin-out-'));

describe('output directories', () => {
  it('removes the ones it created that a failed command left empty, and only those', () => {
    const cwd = directory();
    const empty = prepareOutputDirectory('fanin-report/sub', cwd);
    const used = prepareOutputDirectory('fanin-runs', cwd);
    writeFileSync(join(used, 'sweep.jsonl'), '');
    removeEmptyOutputDirectories();
    expect(existsSync(empty)).toBe(false);
    expect(existsSync(join(cwd, 'fanin-report'))).toBe(false);
    expect(existsSync(join(used, 'sweep.jsonl'))).toBe(true);
    expect(existsSync(cwd)).toBe(true);
  });

  it('keeps them after a command that succeeded', () => {
    const cwd = directory();
    const made = prepareOutputDirectory('fanin-report', cwd);
    keepOutputDirectories();
    removeEmptyOutputDirectories();
    expect(existsSync(made)).toBe(true);
  });

  it('calls a file in the way bad usage, naming the option to change', () => {
    const cwd = directory();
    writeFileSync(join(cwd, 'blocker'), 'x');
    expect(() => prepareOutputDirectory('blocker', cwd, '--runs')).toThrow(OutputPathError);
    expect(() => prepareOutputDirectory('blocker/sub', cwd, '--runs')).toThrow(
      /^cannot write to blocker\/sub: a part of the path is a file, not a directory\. Choose another path with --runs$/,
    );
  });
});
