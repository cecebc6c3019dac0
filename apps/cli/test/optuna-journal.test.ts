// fanin on a journal written by Optuna itself (packages/search/fixtures/optuna-written.jsonl,
// made by packages/search/scripts/optuna_journal.py with Optuna 3.1; no Python needed here).
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import expected from '../../../packages/search/fixtures/optuna-written.expected.json' with {
  type: 'json',
};
import { fanin, requireBuild, spiralModel, temporaryDirectory, writeFile } from './fanin.js';

const FIXTURE = new URL('../../../packages/search/fixtures/optuna-written.jsonl', import.meta.url);

beforeAll(requireBuild);

describe('a journal written by Optuna', () => {
  it('fanin report reads it: leaderboard, counts and plots', async () => {
    const directory = temporaryDirectory();
    copyFileSync(FIXTURE, join(directory, 'optuna.jsonl'));
    const run = await fanin(['report', 'optuna.jsonl', '--json', '--quiet'], directory);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.stages).toHaveLength(1);
    const stage = result.stages[0];
    expect(stage.study).toBe('optuna-written');
    expect(stage.counts).toMatchObject({ total: 16, complete: 7, pruned: 8, failed: 1 });
    expect(stage.leaderboard[0]).toMatchObject({
      number: expected.bestNumber,
      value: expected.bestValue,
    });
    expect(existsSync(join(directory, 'fanin-report', 'optuna', 'report.html'))).toBe(true);
  });

  it('fanin sweep will not resume it (its trials ran another objective), in one line, leaving it as it was', async () => {
    const directory = temporaryDirectory();
    const journal = join(directory, 'optuna.jsonl');
    copyFileSync(FIXTURE, journal);
    writeFile(directory, 'sweep.json', {
      name: 'optuna-written',
      model: spiralModel(),
      space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
      stages: [{ trials: 20 }],
    });
    const run = await fanin(['sweep', '--config', 'sweep.json', '--journal', journal], directory);
    expect(run.code, run.stderr).toBe(2);
    const lines = run.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('fanin:'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^fanin: study "optuna-written" has 16 trials but no fanin settings: another tool wrote it/,
      ),
    ]);
    expect(readFileSync(journal, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});
