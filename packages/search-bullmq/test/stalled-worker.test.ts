import { describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { firstReportingTrial, faultHarness, startTwoWorkers } from './support/fault-harness.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, objective } from './support/sweep.js';

const stopped: number[] = [];
// Stopped processes are resumed before they are stopped for good.
const harness = faultHarness('stalled-worker', () => {
  for (const pid of stopped) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Already gone.
    }
  }
});

describe('a worker that stalls (SIGSTOP) past its lock and comes back after the retry finished', () => {
  it('cannot overwrite the result of the retry', { timeout: 120_000 }, async () => {
    const starts = startTwoWorkers(harness, 'stalled');
    const controller = runController({
      redisUrl: harness.redis.url,
      name: 'stalled',
      seed: 9,
      epochs: 8,
      space: bowlSpace(150),
      objective,
      trials: 4,
      lookahead: 1,
      pollInterval: 50,
    });
    const { victim, worker } = await firstReportingTrial(harness, starts, 'stalled');
    const stale = worker!;
    const survivor = harness.workers.find((worker) => worker !== stale)!;
    for (const pid of [victim.workerPid, victim.pid]) {
      process.kill(pid, 'SIGSTOP');
      stopped.push(pid);
    }
    // The lock lapses, the other worker re-runs the trial as attempt 2 and records it.
    await waitFor(
      async () => {
        const trial = (await studyTrials(harness.redis, 'stalled'))[victim.number];
        return trial?.state === 'complete';
      },
      'the retry to record the trial',
      60_000,
    );
    const retried = (await studyTrials(harness.redis, 'stalled'))[victim.number]!;
    expect(retried.attempt).toBe(2);
    expect(retried.userAttrs.workerPid).toBe(survivor.pid);
    // The stalled worker comes back: its next report is refused, so is its result.
    for (const pid of stopped.splice(0)) process.kill(pid, 'SIGCONT');
    await waitFor(
      () => stale.stderr().includes(`trial ${victim.number} attempt 1: `),
      'the stale attempt to be told it was superseded',
      30_000,
    ).catch((error) => {
      throw new Error(
        `${error.message}\nstale stderr:\n${stale.stderr()}\nstale stdout:\n${stale.stdout()}`,
      );
    });
    expect(stale.stderr()).toMatch(
      new RegExp(`trial ${victim.number} attempt 1: .*this attempt no longer owns the trial`),
    );
    const summary = await controller;
    expect(summary).toMatchObject({ complete: 4, total: 4, stopped: false });

    const trials = await studyTrials(harness.redis, 'stalled');
    const after = trials[victim.number]!;
    expect(after.attempt).toBe(2);
    expect(after.value).toBe(bowlValue(after.params));
    expect(after.userAttrs.workerPid).toBe(survivor.pid);
    expect([...after.intermediateValues.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const results = resultsPerTrial(await rawJournal(harness.redis));
    expect([...results.values()]).toEqual([1, 1, 1, 1]);
  });
});
