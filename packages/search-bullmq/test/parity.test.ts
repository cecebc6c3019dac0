import { createStudy, median, type Objective, type TrialRecord } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttemptReport, redisStorage, runController, runWorker } from '../src/index.js';
import { bowl } from './objectives/sweep.mjs';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { SOURCE_EXEC_ARGV } from '@fanin/test-support/subprocess';
import { bowlSpace, FAST_LOCKS, objective } from './support/sweep.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

/** What must be the same in a local and a distributed run (not pids or timestamps). */
const essence = (trial: TrialRecord) => ({
  number: trial.number,
  params: trial.params,
  state: trial.state,
  value: trial.value,
  reason: trial.reason,
  intermediateValues: [...trial.intermediateValues],
  seed: trial.userAttrs.seed,
});

describe('a distributed sweep and a local one with the same seed', () => {
  it('give the same trials: parameters, trial seeds, learning curves, pruning decisions and values', {
    timeout: 90_000,
  }, async () => {
    const settings = {
      name: 'parity',
      seed: 42,
      epochs: 4,
      space: bowlSpace(10),
      pruner: median({ startupTrials: 2 }),
    };
    const local = await createStudy(settings);
    await local.optimize(bowl as Objective, { trials: 10 });
    const expected = (await local.trials()).map(essence);
    // One worker running one trial at a time sees the study in the same order as the local run.
    const stop = new AbortController();
    const reports: AttemptReport[] = [];
    const worker = runWorker({
      redisUrl: redis.url,
      study: 'parity',
      signal: stop.signal,
      execArgv: SOURCE_EXEC_ARGV,
      onTrialEnd: (report) => reports.push(report),
      ...FAST_LOCKS,
    });
    try {
      const summary = await runController({
        ...settings,
        redisUrl: redis.url,
        objective,
        trials: 10,
        lookahead: 1,
        pollInterval: 50,
      });
      expect(summary).toMatchObject({ total: 10, created: 10, retried: 0, stopped: false });
    } finally {
      stop.abort();
    }
    const done = await worker;
    const storage = await redisStorage({ url: redis.url });
    try {
      const trials = await storage.getTrials((await storage.getStudy('parity'))!.id);
      expect(trials.map(essence)).toEqual(expected);
      expect(expected.some((trial) => trial.state === 'pruned')).toBe(true);
      expect(expected.some((trial) => trial.state === 'complete')).toBe(true);
      expect(done.complete + done.pruned).toBe(10);
      expect(reports.map((report) => report.number).sort((a, b) => a - b)).toEqual([
        ...Array(10).keys(),
      ]);
    } finally {
      await storage.close();
    }
  });
});
