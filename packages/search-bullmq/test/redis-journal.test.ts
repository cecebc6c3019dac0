import {
  categorical,
  inMemoryStorage,
  JournalOperation,
  type JournalRecord,
  JournalStorage,
  logUniform,
  MemoryJournalBackend,
  parsePythonJson,
} from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttemptSupersededError,
  journalKeys,
  type RedisStorage,
  redisStorage,
  TrialAlreadyFinishedError,
} from '../src/index.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
const opened: RedisStorage[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const storage of opened) await storage.close();
  await redis?.stop();
});

/** A fresh journal (its own prefix) and a second process's view of it. */
async function journal(workerId = 'w') {
  const prefix = `journal-test-${prefixes++}`;
  const a = await redisStorage({ url: redis.url, prefix, workerId });
  const b = await redisStorage({ url: redis.url, prefix, workerId });
  opened.push(a, b);
  return { a, b, prefix };
}

async function rawRecords(prefix: string): Promise<JournalRecord[]> {
  const lines = await redis.client().lrange(journalKeys(prefix).log, 0, -1);
  return lines.map((line) => parsePythonJson(line) as JournalRecord);
}

const space = { lr: logUniform(1e-5, 1e-1), act: categorical(['relu', 'tanh']) };

async function script(storage: JournalStorage) {
  const study = await storage.createStudy('s', 'minimize');
  await storage.setStudySystemAttr(study.id, 'k', { nested: [1, 2] });
  const trial = await storage.createTrial(study.id);
  await storage.setTrialParams(trial.id, {
    lr: { value: 1e-3, distribution: space.lr },
    act: { value: 'tanh', distribution: space.act },
  });
  await storage.setTrialIntermediateValue(trial.id, 0, Number.NaN);
  await storage.setTrialIntermediateValue(trial.id, 1, 0.5);
  await storage.setTrialUserAttr(trial.id, 'curve', [1, 0.5]);
  await storage.finishTrial(trial.id, 'complete', 0.25);
}

const withoutTimes = (line: string) =>
  line.replace(/"datetime_(start|complete)": "[^"]*"/g, '"datetime_$1": "T"');

describe('the journal in Redis', () => {
  it('holds the same lines as the journal file, in the same order', async () => {
    const { a, prefix } = await journal('same-worker');
    const memory = new MemoryJournalBackend();
    await script(a);
    await script(new JournalStorage(memory, { workerId: 'same-worker' }));
    const lines = await redis.client().lrange(journalKeys(prefix).log, 0, -1);
    expect(lines.map(withoutTimes)).toEqual(memory.lines().map(withoutTimes));
    const trial = (await a.getTrials(0))[0]!;
    expect(trial.state).toBe('complete');
    expect(trial.value).toBe(0.25);
    expect(trial.params).toEqual({ lr: 1e-3, act: 'tanh' });
    expect([...trial.intermediateValues]).toEqual([
      [0, Number.NaN],
      [1, 0.5],
    ]);
  });

  it('shows every process the records of the others, in one order, across read pages', async () => {
    const { a, b } = await journal();
    const study = await a.createStudy('s', 'maximize');
    const trial = await b.createTrial(study.id);
    const writes: Promise<void>[] = [];
    for (let step = 0; step < 6000; step++)
      writes.push((step % 2 ? a : b).setTrialIntermediateValue(trial.id, step, step));
    await Promise.all(writes);
    const seenByA = await a.getTrial(trial.id);
    const seenByB = await b.getTrial(trial.id);
    expect(seenByA.intermediateValues.size).toBe(6000);
    expect([...seenByA.intermediateValues]).toEqual([...seenByB.intermediateValues]);
    expect((await b.getStudy('s'))?.direction).toBe('maximize');
  });

  it('numbers trials with an atomic counter that never goes past the limit, even with two creators', async () => {
    const { a, b, prefix } = await journal();
    const study = await a.createStudy('s', 'minimize');
    await a.createTrial(study.id);
    const record = (storage: RedisStorage): JournalRecord => ({
      op_code: JournalOperation.CREATE_TRIAL,
      worker_id: storage.workerId,
      study_id: study.id,
      datetime_start: '2024-01-01T00:00:00.000000',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const storage = i % 2 ? a : b;
        return storage.backend.createTrialUpTo(study.id, 8, record(storage));
      }),
    );
    const made = results.filter((result) => result !== undefined);
    expect(made.map((result) => result!.number).sort((x, y) => x - y)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    const trials = await a.getTrials(study.id);
    expect(trials.map((trial) => trial.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(
      (await rawRecords(prefix)).filter((r) => r.op_code === JournalOperation.CREATE_TRIAL),
    ).toHaveLength(8);
  });

  it('refuses the writes of a superseded attempt and every second result', async () => {
    const { a, b, prefix } = await journal();
    const study = await a.createStudy('s', 'minimize');
    const trial = await a.createTrial(study.id);
    const first = await a.backend.beginAttempt(trial.id);
    await a.setTrialIntermediateValue(trial.id, 0, 1);
    const second = await b.backend.beginAttempt(trial.id);
    expect([first?.attempt, second?.attempt]).toEqual([1, 2]);
    await expect(a.setTrialIntermediateValue(trial.id, 1, 1)).rejects.toBeInstanceOf(
      AttemptSupersededError,
    );
    await b.setTrialIntermediateValue(trial.id, 1, 2);
    await b.finishTrial(trial.id, 'complete', 2);
    await expect(a.finishTrial(trial.id, 'complete', 1)).rejects.toThrow(
      /this attempt no longer owns the trial \(another attempt finished the trial\)/,
    );
    a.backend.endAttempt(trial.id);
    b.backend.endAttempt(trial.id);
    // Without a token (the controller), a second result is refused too.
    await expect(a.finishTrial(trial.id, 'failed')).rejects.toBeInstanceOf(
      TrialAlreadyFinishedError,
    );
    expect(await a.backend.beginAttempt(trial.id)).toBeUndefined();
    const finishing = (await rawRecords(prefix)).filter(
      (r) => r.op_code === JournalOperation.SET_TRIAL_STATE_VALUES,
    );
    expect(finishing).toHaveLength(1);
    expect(finishing[0]!.values).toEqual([2]);
    const recorded = await a.getTrial(trial.id);
    expect(recorded.value).toBe(2);
    expect([...recorded.intermediateValues]).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('keeps working as a plain Storage for a local study', async () => {
    const { a } = await journal();
    const memory = inMemoryStorage();
    for (const storage of [a, memory]) {
      const study = await storage.createStudy('plain', 'minimize');
      const trial = await storage.createTrial(study.id);
      await storage.finishTrial(trial.id, 'pruned', 3);
    }
    const [fromRedis] = await a.getTrials(0);
    const [fromMemory] = await memory.getTrials(0);
    expect({ ...fromRedis, startedAt: 0, completedAt: 0 }).toEqual({
      ...fromMemory,
      startedAt: 0,
      completedAt: 0,
    });
  });
});
