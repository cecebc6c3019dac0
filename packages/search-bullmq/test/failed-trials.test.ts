import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController, runWorker } from '../src/index.js';
import { rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { SOURCE_EXEC_ARGV } from '@fanin/test-support/subprocess';
import { bowlSpace, FAST_LOCKS } from './support/sweep.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

async function sweep(study: string, objective: { module: URL; export: string }, retries: number) {
  const stop = new AbortController();
  const worker = runWorker({
    redisUrl: redis.url,
    study,
    signal: stop.signal,
    execArgv: SOURCE_EXEC_ARGV,
    ...FAST_LOCKS,
  });
  try {
    return await runController({
      redisUrl: redis.url,
      name: study,
      space: bowlSpace(0),
      objective,
      trials: 2,
      retries,
      pollInterval: 50,
    });
  } finally {
    stop.abort();
    await worker;
  }
}

describe('trials that fail', () => {
  it('records an objective that throws as failed, with its error, without re-running it', {
    timeout: 60_000,
  }, async () => {
    const summary = await sweep(
      'throws',
      { module: new URL('./objectives/sweep.mjs', import.meta.url), export: 'throwing' },
      2,
    );
    expect(summary).toMatchObject({ complete: 0, failed: 2, total: 2, retried: 0 });
    const trials = await studyTrials(redis, 'throws');
    expect(trials.map((trial) => [trial.state, trial.attempt, trial.reason])).toEqual([
      ['failed', 1, 'RangeError: trial 0 diverged'],
      ['failed', 1, 'RangeError: trial 1 diverged'],
    ]);
  });

  it('records a trial as failed once BullMQ gives up on its job (an objective no worker can load)', {
    timeout: 60_000,
  }, async () => {
    const summary = await sweep(
      'unloadable',
      { module: new URL('./objectives/missing.mjs', import.meta.url), export: 'objective' },
      1,
    );
    expect(summary).toMatchObject({ complete: 0, failed: 2, total: 2 });
    const trials = await studyTrials(redis, 'unloadable');
    for (const trial of trials) {
      expect(trial.state).toBe('failed');
      // The objective never started, so no attempt of the trial was journaled.
      expect(trial.attempt).toBe(1);
      expect(trial.reason).toMatch(
        /^gave up after 2 attempts: cannot load objective module file:.*missing\.mjs/,
      );
    }
    const results = resultsPerTrial(await rawJournal(redis));
    expect(trials.map((trial) => results.get(trial.id))).toEqual([1, 1]);
  });
});
