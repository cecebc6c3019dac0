import { createStudy, JournalOperation } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { type Script, startScript, stopScript, waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, objective } from './support/sweep.js';

let redis: TestRedis;
const workers: Script[] = [];

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const worker of workers) await stopScript(worker);
  await redis?.stop();
});

describe('3 worker processes sharing one study', () => {
  it('give exactly N results, every trial once, with the parameters of a local run', {
    timeout: 120_000,
  }, async () => {
    const settings = { name: 'three', seed: 3, epochs: 3, space: bowlSpace(40) };
    const script = new URL('./scripts/worker.ts', import.meta.url);
    for (let i = 0; i < 3; i++) workers.push(startScript(script, [redis.url, 'three']));
    // Each worker is up (waiting for the study) before the controller fills the queue.
    await waitFor(
      () => workers.every((worker) => worker.stderr().includes('waiting for study "three"')),
      'the 3 workers to start',
      60_000,
    );
    const summary = await runController({
      ...settings,
      redisUrl: redis.url,
      objective,
      trials: 12,
      lookahead: 3,
      pollInterval: 50,
    });
    expect(summary).toEqual({
      complete: 12,
      pruned: 0,
      failed: 0,
      unfinished: 0,
      total: 12,
      created: 12,
      retried: 0,
      stopped: false,
    });
    const local = await createStudy(settings);
    const trials = await studyTrials(redis, 'three');
    expect(trials.map((trial) => trial.number)).toEqual([...Array(12).keys()]);
    for (const trial of trials) {
      expect(trial.params).toEqual(local.paramsFor(trial.number));
      expect(trial.value).toBe(bowlValue(trial.params));
      expect(trial.attempt).toBe(1);
    }
    const records = await rawJournal(redis);
    expect(records.filter((r) => r.op_code === JournalOperation.CREATE_TRIAL)).toHaveLength(12);
    const results = resultsPerTrial(records);
    expect(results.size).toBe(12);
    expect([...results.values()].every((count) => count === 1)).toBe(true);
    const byWorker = new Set(trials.map((trial) => trial.userAttrs.workerPid));
    expect(byWorker.size).toBeGreaterThanOrEqual(2);
    for (const pid of byWorker) expect(workers.map((worker) => worker.pid)).toContain(pid);
  });
});
