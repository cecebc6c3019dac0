import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
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
  dir = mkdtempSync(join(tmpdir(), 'fanin-kill-worker-'));
});

afterAll(async () => {
  for (const worker of workers) await stopScript(worker);
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 of a worker process in the middle of a trial', () => {
  it('re-runs the trial on another worker and records it once', { timeout: 120_000 }, async () => {
    const starts = join(dir, 'starts.jsonl');
    const env = { FANIN_TEST_STARTS: starts, LOCK_MS: '2000', STALL_MS: '1000' };
    const script = new URL('./scripts/worker.ts', import.meta.url);
    workers.push(startScript(script, [redis.url, 'killed'], env));
    workers.push(startScript(script, [redis.url, 'killed'], env));
    const controller = runController({
      redisUrl: redis.url,
      name: 'killed',
      seed: 5,
      epochs: 6,
      space: bowlSpace(150),
      objective,
      trials: 8,
      lookahead: 2,
      pollInterval: 50,
    });
    // The first trial to report a value is killed with its worker.
    let victim: Start | undefined;
    await waitFor(
      async () => {
        const started = readJsonLines<Start>(starts);
        if (started.length === 0) return false;
        const trials = await studyTrials(redis, 'killed');
        victim = started.find((start) => (trials[start.number]?.intermediateValues.size ?? 0) >= 1);
        return victim !== undefined;
      },
      'a trial to report its first value',
      60_000,
    );
    const killed = workers.find((worker) => worker.pid === victim!.workerPid)!;
    expect(killed).toBeDefined();
    killed.child.kill('SIGKILL');
    expect((await killed.exit).signal).toBe('SIGKILL');
    // Its trial process notices the lost worker and exits instead of running on.
    await waitFor(() => !alive(victim!.pid), 'the orphaned trial process to exit', 20_000);

    const summary = await controller;
    expect(summary).toMatchObject({ complete: 8, pruned: 0, failed: 0, total: 8, stopped: false });
    expect(summary.retried).toBeGreaterThanOrEqual(1);

    const trials = await studyTrials(redis, 'killed');
    expect(trials.map((trial) => trial.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const trial of trials) expect(trial.value).toBe(bowlValue(trial.params));
    const survivor = workers.find((worker) => worker !== killed)!;
    const rerun = trials[victim!.number]!;
    expect(rerun.attempt).toBe(2);
    expect(rerun.userAttrs.workerPid).toBe(survivor.pid);
    const runs = readJsonLines<Start>(starts).filter((start) => start.number === victim!.number);
    expect(runs.map((run) => [run.attempt, run.workerPid])).toEqual([
      [1, killed.pid],
      [2, survivor.pid],
    ]);
    // Exactly one result per trial in the journal.
    const results = resultsPerTrial(await rawJournal(redis));
    expect([...results.keys()].sort((a, b) => a - b)).toEqual(trials.map((trial) => trial.id));
    expect([...results.values()].every((count) => count === 1)).toBe(true);

    await stopScript(survivor);
    expect(survivor.child.exitCode).toBe(0);
    const lines = survivor.stdout().trim().split('\n');
    expect(JSON.parse(lines.at(-1)!).summary.complete).toBeGreaterThanOrEqual(1);
  });
});
