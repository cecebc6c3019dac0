// A journal written by Optuna itself (scripts/optuna_journal.py, Optuna 3.1 from Debian's
// python3-optuna; the output and what Optuna said about it are committed fixtures).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expected from '../../fixtures/optuna-written.expected.json' with { type: 'json' };
import { loadStudy } from '../create-study.js';
import { parseSpace, spaceToJSON } from '../space/space.js';
import type { JournalRecord } from './journal.js';
import { JournalStorage } from './journal-storage.js';
import { MemoryJournalBackend } from './memory-backend.js';
import { parsePythonJson } from './python-json.js';

async function optunaStorage() {
  const text = readFileSync(
    new URL('../../fixtures/optuna-written.jsonl', import.meta.url),
    'utf8',
  );
  const backend = new MemoryJournalBackend();
  await backend.append(
    text
      .trim()
      .split('\n')
      .map((line) => parsePythonJson(line) as JournalRecord),
  );
  return new JournalStorage(backend);
}

describe('a journal Optuna wrote', () => {
  it('opens with the space inferred from its trials, and reads as Optuna read it', async () => {
    const study = await loadStudy({ storage: await optunaStorage(), name: 'optuna-written' });
    expect(study.direction).toBe(expected.direction);
    expect(spaceToJSON(study.space)).toEqual(
      spaceToJSON(
        parseSpace({
          lr: { type: 'logUniform', low: 1e-5, high: 0.1 },
          width: { type: 'int', low: 8, high: 64, step: 8 },
          act: { type: 'categorical', choices: ['relu', 'tanh', 'sigmoid'] },
          momentum: { type: 'uniform', low: 0, high: 0.9 },
        }),
      ),
    );
    const trials = await study.trials();
    expect(trials.map((trial) => trial.state)).toEqual(expected.states);
    expect(trials.map((trial) => (trial.state === 'complete' ? trial.value : null))).toEqual(
      expected.values.map((value, index) => (expected.states[index] === 'complete' ? value : null)),
    );
    const best = await study.bestTrial();
    expect(best!.number).toBe(expected.bestNumber);
    expect(best!.value).toBe(expected.bestValue);
    expect(best!.params).toEqual(expected.bestParams);
    const report = await study.report();
    expect(report.counts).toMatchObject({ total: 16, complete: 7, pruned: 8, failed: 1 });
  });

  it("continues: new trials take the numbers after Optuna's, in the inferred space", async () => {
    const storage = await optunaStorage();
    const study = await loadStudy({ storage, name: 'optuna-written' });
    await study.optimize((trial) => trial.params.momentum as number, { trials: 20 });
    const trials = await study.trials();
    expect(trials.map((trial) => trial.number)).toEqual([...Array(20).keys()]);
    for (const trial of trials.slice(16)) {
      expect(trial.state).toBe('complete');
      expect((trial.params.width as number) % 8).toBe(0);
      expect(['relu', 'tanh', 'sigmoid']).toContain(trial.params.act);
    }
    expect(trials.slice(0, 16).map((trial) => trial.state)).toEqual(expected.states);
  });
});
