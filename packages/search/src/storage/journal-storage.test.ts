import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { fixed } from '../space/fixed.js';
import { int } from '../space/int.js';
import { logInt } from '../space/log-int.js';
import { logUniform } from '../space/log-uniform.js';
import { pow10 } from '../space/pow10.js';
import { uniform } from '../space/uniform.js';
import { JournalOperation } from './journal.js';
import { JournalReplay } from './journal-replay.js';
import { JournalStorage } from './journal-storage.js';
import { MemoryJournalBackend } from './memory-backend.js';
import { parsePythonJson } from './python-json.js';

function fresh() {
  const backend = new MemoryJournalBackend();
  return { backend, storage: new JournalStorage(backend, { workerId: 'test-worker' }) };
}

// The fields Optuna's replay reads for each operation (optuna/storages/journal/_storage.py).
const REQUIRED: Record<number, string[]> = {
  [JournalOperation.CREATE_STUDY]: ['study_name', 'directions'],
  [JournalOperation.SET_STUDY_SYSTEM_ATTR]: ['study_id', 'system_attr'],
  [JournalOperation.CREATE_TRIAL]: ['study_id', 'datetime_start'],
  [JournalOperation.SET_TRIAL_PARAM]: [
    'trial_id',
    'param_name',
    'param_value_internal',
    'distribution',
  ],
  [JournalOperation.SET_TRIAL_STATE_VALUES]: ['trial_id', 'state', 'values', 'datetime_complete'],
  [JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE]: ['trial_id', 'step', 'intermediate_value'],
  [JournalOperation.SET_TRIAL_USER_ATTR]: ['trial_id', 'user_attr'],
  [JournalOperation.SET_TRIAL_SYSTEM_ATTR]: ['trial_id', 'system_attr'],
};

describe('JournalStorage', () => {
  it('writes records Optuna can replay, with its field names and distribution strings', async () => {
    const { backend, storage } = fresh();
    const study = await storage.createStudy('s', 'maximize');
    const trial = await storage.createTrial(study.id);
    await storage.setTrialParams(trial.id, {
      a: { value: 1e-3, distribution: logUniform(1e-5, 1e-1) },
      b: { value: 1e-4, distribution: pow10(-6, -2) },
      c: { value: 'tanh', distribution: categorical(['relu', 'tanh']) },
      d: { value: 3, distribution: int(0, 10, { step: 1 }) },
      e: { value: 64, distribution: logInt(16, 256) },
      f: { value: 0.5, distribution: uniform(0, 1) },
      g: { value: 32, distribution: fixed(32) },
    });
    await storage.setTrialIntermediateValue(trial.id, 0, Number.NaN);
    await storage.setTrialUserAttr(trial.id, 'curve', [1, 2]);
    await storage.setTrialSystemAttr(trial.id, 'k', 1);
    await storage.finishTrial(trial.id, 'complete', 0.75);
    const lines = backend.lines();
    for (const line of lines) {
      const record = parsePythonJson(line) as Record<string, unknown>;
      expect(record.worker_id).toBe('test-worker');
      for (const field of REQUIRED[record.op_code as number] ?? [])
        expect(record).toHaveProperty(field);
    }
    const params = lines
      .map((l) => parsePythonJson(l) as Record<string, unknown>)
      .filter((r) => r.op_code === JournalOperation.SET_TRIAL_PARAM);
    expect(
      params.map((r) => [
        r.param_name,
        r.param_value_internal,
        JSON.parse(r.distribution as string),
      ]),
    ).toEqual([
      [
        'a',
        1e-3,
        { name: 'FloatDistribution', attributes: { step: null, low: 1e-5, high: 0.1, log: true } },
      ],
      [
        'b',
        1e-4,
        { name: 'FloatDistribution', attributes: { step: null, low: 1e-6, high: 0.01, log: true } },
      ],
      ['c', 1, { name: 'CategoricalDistribution', attributes: { choices: ['relu', 'tanh'] } }],
      ['d', 3, { name: 'IntDistribution', attributes: { log: false, step: 1, low: 0, high: 10 } }],
      [
        'e',
        64,
        { name: 'IntDistribution', attributes: { log: true, step: 1, low: 16, high: 256 } },
      ],
      [
        'f',
        0.5,
        { name: 'FloatDistribution', attributes: { step: null, low: 0, high: 1, log: false } },
      ],
      ['g', 0, { name: 'CategoricalDistribution', attributes: { choices: [32] } }],
    ]);
    expect(lines).toContain(
      '{"op_code": 7, "worker_id": "test-worker", "trial_id": 0, "step": 0, "intermediate_value": NaN}',
    );
    expect(lines[0]).toBe(
      '{"op_code": 0, "worker_id": "test-worker", "study_name": "s", "directions": [2]}',
    );
    const done = await storage.getTrial(trial.id);
    expect(done.params).toEqual({ a: 1e-3, b: 1e-4, c: 'tanh', d: 3, e: 64, f: 0.5, g: 32 });
    expect(done.state).toBe('complete');
    expect(done.value).toBe(0.75);
  });

  it('returns the existing study for a known name, and numbers trials in creation order', async () => {
    const { storage } = fresh();
    const a = await storage.createStudy('a', 'minimize');
    const b = await storage.createStudy('b', 'minimize');
    expect((await storage.createStudy('a', 'maximize')).id).toBe(a.id);
    const t0 = await storage.createTrial(a.id);
    const u0 = await storage.createTrial(b.id);
    const t1 = await storage.createTrial(a.id);
    expect([t0.number, u0.number, t1.number]).toEqual([0, 0, 1]);
    expect([t0.id, u0.id, t1.id]).toEqual([0, 1, 2]);
  });

  it('sees writes of other storages sharing the backend (several writers)', async () => {
    const backend = new MemoryJournalBackend();
    const one = new JournalStorage(backend);
    const two = new JournalStorage(backend);
    const study = await one.createStudy('shared', 'minimize');
    const [x, y] = await Promise.all([one.createTrial(study.id), two.createTrial(study.id)]);
    expect(new Set([x.number, y.number])).toEqual(new Set([0, 1]));
    await two.finishTrial(y.id, 'complete', 1);
    expect((await one.getTrial(y.id)).state).toBe('complete');
  });

  it('starts a new attempt when fanin:attempt is set: intermediate values reset', async () => {
    const { storage } = fresh();
    const study = await storage.createStudy('s', 'minimize');
    const trial = await storage.createTrial(study.id);
    await storage.setTrialSystemAttr(trial.id, 'fanin:attempt', 1);
    await storage.setTrialIntermediateValue(trial.id, 0, 5);
    await storage.setTrialSystemAttr(trial.id, 'fanin:attempt', 2);
    const current = await storage.getTrial(trial.id);
    expect(current.attempt).toBe(2);
    expect(current.intermediateValues.size).toBe(0);
  });

  it('ignores writes to finished trials, as Optuna does', async () => {
    const { storage } = fresh();
    const study = await storage.createStudy('s', 'minimize');
    const trial = await storage.createTrial(study.id);
    await storage.finishTrial(trial.id, 'failed');
    await storage.finishTrial(trial.id, 'complete', 1);
    await storage.setTrialIntermediateValue(trial.id, 0, 1);
    const after = await storage.getTrial(trial.id);
    expect(after.state).toBe('failed');
    expect(after.intermediateValues.size).toBe(0);
  });

  it('replays to the same state from the lines alone', async () => {
    const { backend, storage } = fresh();
    const study = await storage.createStudy('s', 'minimize');
    const trial = await storage.createTrial(study.id);
    await storage.setTrialIntermediateValue(trial.id, 3, 0.25);
    const replay = new JournalReplay();
    replay.apply(backend.lines().map((line) => parsePythonJson(line) as never));
    expect(replay.trialsOf(study.id)).toEqual(await storage.getTrials(study.id));
  });
});
