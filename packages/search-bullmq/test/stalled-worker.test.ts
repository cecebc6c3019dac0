import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import {
  readJsonLines,
  type Script,
  startScript,
  stopScript,
  waitFor,
} from './support/subprocess.js';
import { bowlSpace, objective } from './support/sweep.js';

interface Start {
  number: number;
  attempt: number;
  pid: number;
  workerPid: number;
}

let redis: TestRedis;
let dir: string;
const workers: Script[] = [];
const stopped: number[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'fanin-stalled-worker-'));
});

afterAll(async () => {
  for (const pid of stopped) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Already gone.
    }
  }
  for (const worker of workers) await stopScript(worker);
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a worker that stalls (SIGSTOP) past its lock and comes back after the retry finished', () => {
  it('cannot overwrite the result of the retry', { timeout: 120_000 }, async () => {
    const starts = join(dir, 'starts.jsonl');
    const env = { FANIN_TEST_STARTS: starts, LOCK_MS: '2000', STALL_MS: '1000' };
    const script = new URL('./scripts/worker.ts', import.meta.url);
    workers.push(startScript(script, [redis.url, 'stalled'], env));
    workers.push(startScript(script, [redis.url, 'stalled'], env));
    const controller = runController({
      redisUrl: redis.url,
      name: 'stalled',
      seed: 9,
      epochs: 8,
      space: bowlSpace(150),
      objective,
      trials: 4,
      lookahead: 1,
      pollInterval: 50,
    });
    let victim: Start | undefined;
    await waitFor(
      async () => {
        const started = readJsonLines<Start>(starts);
        if (started.length === 0) return false;
        const trials = await studyTrials(redis, 'stalled');
        victim = started.find((start) => (trials[start.number]?.intermediateValues.size ?? 0) >= 1);
        return victim !== undefined;
      },
      'a trial to report its first value',
      60_000,
    );
    const stale = workers.find((worker) => worker.pid === victim!.workerPid)!;
    const survivor = workers.find((worker) => worker !== stale)!;
    for (const pid of [victim!.workerPid, victim!.pid]) {
      process.kill(pid, 'SIGSTOP');
      stopped.push(pid);
    }
    // The lock lapses, the other worker re-runs the trial as attempt 2 and records it.
    await waitFor(
      async () => {
        const trial = (await studyTrials(redis, 'stalled'))[victim!.number];
        return trial?.state === 'complete';
      },
      'the retry to record the trial',
      60_000,
    );
    const retried = (await studyTrials(redis, 'stalled'))[victim!.number]!;
    expect(retried.attempt).toBe(2);
    expect(retried.userAttrs.workerPid).toBe(survivor.pid);
    // The stalled worker comes back: its next report is refused, so is its result.
    for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
    await waitFor(
      () => stale.stderr().includes(`trial ${victim!.number} attempt 1: `),
      'the stale attempt to be told it was superseded',
      30_000,
    ).catch((error) => {
      throw new Error(
        `${error.message}\nstale stderr:\n${stale.stderr()}\nstale stdout:\n${stale.stdout()}`,
      );
    });
    expect(stale.stderr()).toMatch(
      new RegExp(`trial ${victim!.number} attempt 1: .*this attempt no longer owns the trial`),
    );
    const summary = await controller;
    expect(summary).toMatchObject({ complete: 4, total: 4, stopped: false });

    const trials = await studyTrials(redis, 'stalled');
    const after = trials[victim!.number]!;
    expect(after.attempt).toBe(2);
    expect(after.value).toBe(bowlValue(after.params));
    expect(after.userAttrs.workerPid).toBe(survivor.pid);
    expect([...after.intermediateValues.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const results = resultsPerTrial(await rawJournal(redis));
    expect([...results.values()]).toEqual([1, 1, 1, 1]);
  });
});
