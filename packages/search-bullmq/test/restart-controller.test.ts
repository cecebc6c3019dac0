import { createStudy, JournalOperation, pythonTimestamp } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStorage, runController, runWorker } from '../src/index.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { SOURCE_EXEC_ARGV, startScript, waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, FAST_LOCKS, objective } from './support/sweep.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('kill -9 of the controller mid-sweep, then a new controller', () => {
  it('resumes: no trial lost, created twice or run twice', { timeout: 120_000 }, async () => {
    const settings = {
      name: 'restarted',
      seed: 13,
      trials: 12,
      epochs: 3,
      stepMs: 100,
      lookahead: 2,
    };
    const stopWorker = new AbortController();
    const worker = runWorker({
      redisUrl: redis.url,
      study: 'restarted',
      concurrency: 2,
      signal: stopWorker.signal,
      execArgv: SOURCE_EXEC_ARGV,
      ...FAST_LOCKS,
    });
    try {
      const first = startScript(new URL('./scripts/controller.ts', import.meta.url), [
        redis.url,
        JSON.stringify(settings),
      ]);
      await waitFor(
        async () =>
          (await studyTrials(redis, 'restarted')).filter((trial) => trial.state === 'complete')
            .length >= 3,
        '3 complete trials',
        60_000,
      );
      first.child.kill('SIGKILL');
      expect((await first.exit).signal).toBe('SIGKILL');
      // The narrowest window: a controller that died right after creating a trial, before
      // writing its parameters and queueing it.
      const storage = await redisStorage({ url: redis.url });
      const study = (await storage.getStudy('restarted'))!;
      const orphan = await storage.backend.createTrialUpTo(study.id, settings.trials, {
        op_code: JournalOperation.CREATE_TRIAL,
        worker_id: storage.workerId,
        study_id: study.id,
        datetime_start: pythonTimestamp(),
      });
      await storage.close();
      expect(orphan).toBeDefined();
      const before = (await studyTrials(redis, 'restarted')).length;

      const summary = await runController({
        redisUrl: redis.url,
        name: settings.name,
        seed: settings.seed,
        epochs: settings.epochs,
        space: bowlSpace(settings.stepMs),
        objective,
        trials: settings.trials,
        lookahead: settings.lookahead,
        pollInterval: 50,
      });
      expect(summary).toMatchObject({
        complete: 12,
        failed: 0,
        total: 12,
        retried: 0,
        created: 12 - before,
        stopped: false,
      });
    } finally {
      stopWorker.abort();
      await worker;
    }
    const local = await createStudy({
      name: settings.name,
      seed: settings.seed,
      epochs: settings.epochs,
      space: bowlSpace(settings.stepMs),
    });
    const trials = await studyTrials(redis, 'restarted');
    expect(trials.map((trial) => trial.number)).toEqual([...Array(12).keys()]);
    for (const trial of trials) {
      expect(trial.params).toEqual(local.paramsFor(trial.number));
      expect(trial.value).toBe(bowlValue(trial.params));
      expect(trial.attempt).toBe(1);
    }
    const records = await rawJournal(redis);
    expect(records.filter((r) => r.op_code === JournalOperation.CREATE_TRIAL)).toHaveLength(12);
    expect([...resultsPerTrial(records).values()]).toEqual(Array(12).fill(1));
  });
});
