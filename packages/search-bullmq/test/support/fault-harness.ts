// What the fault tests share: a real Redis and a temporary folder per test file, two worker
// processes on a sweep, and the wait for the first trial to report a value (the one each test
// then kills, stalls or lets fail).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { studyTrials } from './journal.js';
import { startRedis, type TestRedis } from './redis-server.js';
import {
  readJsonLines,
  type Script,
  startScript,
  stopScript,
  waitFor,
} from '@fanin/test-support/subprocess';

/** A line the test objective writes to FANIN_TEST_STARTS when a trial starts. */
export interface TrialStart {
  number: number;
  attempt: number;
  pid: number;
  workerPid: number;
}

export interface FaultHarness {
  readonly redis: TestRedis;
  readonly dir: string;
  /** The worker scripts started; each is stopped after the file's tests. */
  readonly workers: Script[];
}

/**
 * Starts Redis and makes a temporary folder before the file's tests; afterwards runs
 * `beforeStop` (e.g. resumes processes a test stopped), stops the workers and Redis and removes
 * the folder.
 */
export function faultHarness(name: string, beforeStop?: () => void): FaultHarness {
  let redis: TestRedis | undefined;
  let dir: string | undefined;
  const workers: Script[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), `fanin-${name}-`));
  });
  afterAll(async () => {
    beforeStop?.();
    for (const worker of workers) await stopScript(worker);
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get redis() {
      return redis!;
    },
    get dir() {
      return dir!;
    },
    workers,
  };
}

/**
 * Starts two worker processes (`scripts/worker.ts`) on the sweep `study`, with a 2 s job lock
 * and stall check. Returns the file their trials write their starts to.
 */
export function startTwoWorkers(harness: FaultHarness, study: string): string {
  const starts = join(harness.dir, 'starts.jsonl');
  const env = { FANIN_TEST_STARTS: starts, LOCK_MS: '2000', STALL_MS: '1000' };
  const script = new URL('../scripts/worker.ts', import.meta.url);
  for (let i = 0; i < 2; i++)
    harness.workers.push(startScript(script, [harness.redis.url, study], env));
  return starts;
}

/** Waits for the first trial of `study` to report a value; returns its start and its worker. */
export async function firstReportingTrial(
  harness: FaultHarness,
  starts: string,
  study: string,
): Promise<{ victim: TrialStart; worker: Script | undefined }> {
  let victim: TrialStart | undefined;
  await waitFor(
    async () => {
      const started = readJsonLines<TrialStart>(starts);
      if (started.length === 0) return false;
      const trials = await studyTrials(harness.redis, study);
      victim = started.find((start) => (trials[start.number]?.intermediateValues.size ?? 0) >= 1);
      return victim !== undefined;
    },
    'a trial to report its first value',
    60_000,
  );
  const worker = harness.workers.find((candidate) => candidate.pid === victim!.workerPid);
  return { victim: victim!, worker };
}
