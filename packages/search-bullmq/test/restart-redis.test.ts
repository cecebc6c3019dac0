import { JournalOperation, OPTUNA_STATE } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController, runWorker } from '../src/index.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { SOURCE_EXEC_ARGV, waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, FAST_LOCKS, objective } from './support/sweep.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('kill -9 of redis-server mid-sweep, restarted from its append-only file', () => {
  it('keeps every completed trial, and the sweep finishes with one result per trial', {
    timeout: 120_000,
  }, async () => {
    const stopWorker = new AbortController();
    const worker = runWorker({
      redisUrl: redis.url,
      study: 'durable',
      concurrency: 2,
      signal: stopWorker.signal,
      execArgv: SOURCE_EXEC_ARGV,
      ...FAST_LOCKS,
    });
    try {
      const controller = runController({
        redisUrl: redis.url,
        name: 'durable',
        seed: 21,
        epochs: 3,
        space: bowlSpace(100),
        objective,
        trials: 12,
        lookahead: 2,
        pollInterval: 50,
      });
      await waitFor(
        async () =>
          (await studyTrials(redis, 'durable')).filter((trial) => trial.state === 'complete')
            .length >= 4,
        '4 complete trials',
        60_000,
      );
      const before = await rawJournal(redis);
      const completed = before.filter(
        (r) =>
          r.op_code === JournalOperation.SET_TRIAL_STATE_VALUES &&
          r.state === OPTUNA_STATE.complete,
      );
      expect(completed.length).toBeGreaterThanOrEqual(4);

      await redis.crashAndRestart();

      const after = await rawJournal(redis);
      expect(after.slice(0, before.length)).toEqual(before);
      const summary = await controller;
      expect(summary).toMatchObject({ complete: 12, failed: 0, total: 12, stopped: false });
    } finally {
      stopWorker.abort();
      await worker;
    }
    const trials = await studyTrials(redis, 'durable');
    expect(trials.map((trial) => trial.number)).toEqual([...Array(12).keys()]);
    for (const trial of trials) expect(trial.value).toBe(bowlValue(trial.params));
    expect([...resultsPerTrial(await rawJournal(redis)).values()]).toEqual(Array(12).fill(1));
  });
});
