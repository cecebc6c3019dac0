import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, spiralModel, temporaryDirectory, writeFile } from './fanin.js';
import { mountTinyTmpfs } from '@fanin/test-support/tiny-tmpfs';

beforeAll(requireBuild);

const errorLines = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('fanin:'));

function sweepDirectory(trials: number) {
  const directory = temporaryDirectory();
  writeFile(directory, 'sweep.json', {
    name: 'full',
    model: spiralModel({ epochs: 2 }),
    space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
    stages: [{ trials }],
    seed: 2,
  });
  return directory;
}

describe('a disk that refuses: one true line, exit 1, nothing half-written or lost', () => {
  it('a journal on a full disk (a tiny tmpfs): ENOSPC, whole lines only, and the same command resumes once there is room', async (context) => {
    const disk = mountTinyTmpfs(64);
    if ('refused' in disk) return context.skip(disk.refused);
    try {
      disk.fill(3 * 4096);
      const directory = sweepDirectory(8);
      const journal = join(disk.path, 'full.jsonl');
      const args = ['sweep', '--config', 'sweep.json', '--journal', journal, '--backend', 'cpu'];
      const full = await fanin(args, directory);
      expect(full.code, full.stderr).toBe(1);
      const lines = errorLines(full.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^fanin: cannot write journal ".*full\.jsonl": no space left on the device \(ENOSPC\)\. The journal keeps every record written before; free space/,
      );
      expect(full.stderr).not.toMatch(/bug in fanin/);
      const text = readFileSync(journal, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(existsSync(`${journal}.lock`)).toBe(false);

      rmSync(join(disk.path, 'filler'));
      const resumed = await fanin([...args, '--json', '--quiet'], directory);
      expect(resumed.code, resumed.stderr).toBe(0);
      const result = JSON.parse(resumed.stdout);
      expect(result.summaries[0].total).toBe(8);
      const numbers = result.stages[0].leaderboard.map((row: { number: number }) => row.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    } finally {
      disk.unmount();
    }
  });

  it('weights on a full disk: ENOSPC naming the file and --out, no file or temporary left', async (context) => {
    const disk = mountTinyTmpfs(64);
    if ('refused' in disk) return context.skip(disk.refused);
    try {
      const directory = temporaryDirectory();
      const out = join(disk.path, 'weights.safetensors');
      const run = await fanin(
        [
          'train',
          '--dataset',
          'spiral',
          '--hidden',
          '512,512',
          '--epochs',
          '1',
          '--backend',
          'cpu',
          '--out',
          out,
        ],
        directory,
      );
      expect(run.code, run.stderr).toBe(1);
      const lines = errorLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^fanin: cannot write .*weights\.safetensors: no space left on the device \(ENOSPC\)\. Nothing was saved; free some space there, or choose another file with --out$/,
      );
      expect(readdirSync(disk.path)).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('a read-only file system: EROFS naming the option to change, and no directory made', async (context) => {
    const disk = mountTinyTmpfs(64);
    if ('refused' in disk) return context.skip(disk.refused);
    try {
      disk.readOnly();
      const directory = sweepDirectory(2);
      const runs = join(disk.path, 'runs');
      const run = await fanin(['sweep', '--config', 'sweep.json', '--runs', runs], directory);
      expect(run.code, run.stderr).toBe(1);
      const lines = errorLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^fanin: cannot write .*runs: the file system is read-only \(EROFS\)\. Choose a writable directory with --runs$/,
      );
      expect(existsSync(runs)).toBe(false);
    } finally {
      disk.unmount();
    }
  });
});
