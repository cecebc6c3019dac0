import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, spiralModel, temporaryDirectory, writeFile } from './fanin.js';

beforeAll(requireBuild);

function sweepFile(model: ReturnType<typeof spiralModel>, changes: Record<string, unknown> = {}) {
  return {
    name: 'resumed',
    model,
    space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
    stages: [{ trials: 2, epochs: 1 }],
    seed: 4,
    ...changes,
  };
}

describe('resuming a sweep whose file changed', () => {
  it('refuses before any trial runs, naming what changed, and leaves the journal as it was', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'sweep.json', sweepFile(spiralModel()));
    const first = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    expect(first.code, first.stderr).toBe(0);
    const journal = join(directory, 'fanin-runs', 'resumed.jsonl');
    const before = readFileSync(journal, 'utf8');

    const narrower = spiralModel();
    narrower.layers[0] = { ...narrower.layers[0]!, dense: 8 };
    const changes: [string, unknown, RegExp][] = [
      [
        'a smaller training split',
        sweepFile(spiralModel({ train: 60 })),
        /training\.train: stored 120, given 60/,
      ],
      ['a narrower layer', sweepFile(narrower), /model\.layers\[0\]\.dense: stored 16, given 8/],
      [
        'another pruner',
        sweepFile(spiralModel(), { pruners: [{ type: 'divergence', ratio: 5 }] }),
        /pruner\.ratio: stored 3, given 5/,
      ],
      [
        'another objective',
        sweepFile(spiralModel(), { objective: 'val_accuracy' }),
        /different direction|objective/,
      ],
    ];
    for (const [what, file, message] of changes) {
      writeFile(directory, 'sweep.json', {
        ...(file as object),
        stages: [{ trials: 4, epochs: 1 }],
      });
      const run = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
      expect(run.code, `${what}: ${run.stderr}`).toBe(2);
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('fanin:'));
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(message);
      expect(lines[0], what).toMatch(/undo the change in sweep\.json to resume|another study name/);
      expect(readFileSync(journal, 'utf8'), what).toBe(before);
    }

    // The same file with more trials extends the sweep.
    writeFile(directory, 'sweep.json', {
      ...sweepFile(spiralModel()),
      stages: [{ trials: 3, epochs: 1 }],
    });
    const extended = await fanin(
      ['sweep', '--config', 'sweep.json', '--backend', 'cpu', '--json', '--quiet'],
      directory,
    );
    expect(extended.code, extended.stderr).toBe(0);
    expect(JSON.parse(extended.stdout).summaries[0]).toMatchObject({ complete: 1, total: 3 });
  });
});
