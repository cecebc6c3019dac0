import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { resultsPerTrial, rawJournal, studyTrials } from './support/journal.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import {
  alive,
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

beforeAll(async () => {
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'fanin-no-retries-'));
});

afterAll(async () => {
  for (const worker of workers) await stopScript(worker);
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('retries: 0 and a worker killed in the middle of a trial', () => {
  it('fails that trial once, saying it gave up after the 1 attempt it had', {
    timeout: 120_000,
  }, async () => {
    const starts = join(dir, 'starts.jsonl');
    const env = { FANIN_TEST_STARTS: starts, LOCK_MS: '2000', STALL_MS: '1000' };
    const script = new URL('./scripts/worker.ts', import.meta.url);
    workers.push(startScript(script, [redis.url, 'once'], env));
    workers.push(startScript(script, [redis.url, 'once'], env));
    const controller = runController({
      redisUrl: redis.url,
      name: 'once',
      seed: 5,
      epochs: 6,
      space: bowlSpace(150),
      objective,
      trials: 4,
      retries: 0,
      lookahead: 1,
      pollInterval: 50,
    });
    let victim: Start | undefined;
    await waitFor(
      async () => {
        const started = readJsonLines<Start>(starts);
        const trials = await studyTrials(redis, 'once');
        victim = started.find((start) => (trials[start.number]?.intermediateValues.size ?? 0) >= 1);
        return victim !== undefined;
      },
      'a trial to report its first value',
      60_000,
    );
    const killed = workers.find((worker) => worker.pid === victim!.workerPid)!;
    killed.child.kill('SIGKILL');
    await killed.exit;
    await waitFor(() => !alive(victim!.pid), 'the orphaned trial process to exit', 20_000);

    const summary = await controller;
    expect(summary).toMatchObject({ complete: 3, failed: 1, total: 4, retried: 0 });
    const trials = await studyTrials(redis, 'once');
    const failed = trials[victim!.number]!;
    expect(failed.state).toBe('failed');
    expect(failed.attempt).toBe(1);
    expect(failed.reason).toMatch(/^gave up after 1 attempt: /);
    const results = resultsPerTrial(await rawJournal(redis));
    expect([...results.values()].every((count) => count === 1)).toBe(true);
  });
});
