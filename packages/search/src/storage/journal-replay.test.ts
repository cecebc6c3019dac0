import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from './journal.js';
import { JournalReplay } from './journal-replay.js';
import { parsePythonJson } from './python-json.js';

// A journal in the format Optuna's JournalFileBackend writes (optuna/storages/journal/_storage.py:
// Python json.dumps separators, NaN as a bare token, distributions as JSON strings), written by
// hand from that source: several trial states, a write to a finished trial, a duplicate study
// name, a deleted study and a trial created from a template (enqueue/add_trial).
const lines = readFileSync(new URL('../../fixtures/optuna-journal.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n');
const records = lines.map((line) => parsePythonJson(line) as JournalRecord);

describe('journal replay of an Optuna-written journal', () => {
  const replay = new JournalReplay();
  replay.apply(records);

  it('rebuilds the studies, ignoring a duplicate name and a deleted study', () => {
    expect(replay.allStudies().map((s) => [s.id, s.name, s.direction])).toEqual([
      [0, 'optuna-made', 'maximize'],
    ]);
    expect(replay.studyByName('optuna-made')!.systemAttrs).toEqual({
      'study:metric_names': ['accuracy'],
    });
  });

  it('numbers trials per study and ids across studies, skipping creations in deleted studies', () => {
    const trials = replay.trialsOf(0);
    expect(trials.map((t) => [t.id, t.number, t.state])).toEqual([
      [0, 0, 'complete'],
      [1, 1, 'pruned'],
      [2, 2, 'failed'],
      [3, 3, 'running'],
      [5, 4, 'complete'],
    ]);
  });

  it('decodes parameters through their distributions (categorical indices, ints)', () => {
    const trial = replay.trial(0)!;
    expect(trial.params).toEqual({ lr: 0.001, act: 'tanh', layers: 3 });
    expect(trial.value).toBe(0.91);
    expect(trial.userAttrs).toEqual({ note: 'first' });
    expect([...trial.intermediateValues]).toEqual([
      [0, 0.5],
      [1, Number.NaN],
    ]);
    expect(trial.startedAt).toEqual(new Date(2024, 4, 1, 10, 0, 0, 123));
  });

  it('ignores writes to finished trials, keeps reasons and template trials', () => {
    expect(replay.trial(0)!.intermediateValues.has(5)).toBe(false);
    expect(replay.trial(1)!.value).toBe(0.2);
    expect(replay.trial(2)!.reason).toBe('ValueError: boom');
    const templated = replay.trial(5)!;
    expect(templated.params).toEqual({ lr: 0.01 });
    expect(templated.value).toBe(0.5);
    expect([...templated.intermediateValues]).toEqual([[0, 0.4]]);
  });
});
