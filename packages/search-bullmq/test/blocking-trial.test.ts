import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixed, uniform } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController, runWorker } from '../src/index.js';
import { studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { readJsonLines, SOURCE_EXEC_ARGV } from '@fanin/test-support/subprocess';

let redis: TestRedis;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'fanin-blocking-'));
});

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a trial that blocks its CPU for 3 lock durations', () => {
  it('keeps its lock (it runs in a sandboxed process) and runs once', {
    timeout: 90_000,
  }, async () => {
    const starts = join(dir, 'starts.jsonl');
    const stop = new AbortController();
    const worker = runWorker({
      redisUrl: redis.url,
      study: 'blocking',
      concurrency: 2,
      signal: stop.signal,
      execArgv: SOURCE_EXEC_ARGV,
      env: { FANIN_TEST_STARTS: starts },
      lockDuration: 1500,
      stalledInterval: 500,
    });
    try {
      const summary = await runController({
        redisUrl: redis.url,
        name: 'blocking',
        space: { x: uniform(0, 1), blockMs: fixed(4500) },
        objective: {
          module: new URL('./objectives/sweep.mjs', import.meta.url),
          export: 'blocking',
        },
        trials: 2,
        pollInterval: 50,
      });
      expect(summary).toMatchObject({ complete: 2, retried: 0, stopped: false });
    } finally {
      stop.abort();
    }
    expect(await worker).toMatchObject({ complete: 2, superseded: 0, errors: 0 });
    const trials = await studyTrials(redis, 'blocking');
    for (const trial of trials) {
      expect(trial.attempt).toBe(1);
      expect(trial.value).toBe(trial.params.x);
    }
    expect(
      readJsonLines<{ number: number }>(starts)
        .map((s) => s.number)
        .sort(),
    ).toEqual([0, 1]);
  });
});
