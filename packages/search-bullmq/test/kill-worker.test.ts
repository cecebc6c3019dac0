import { describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import {
  firstReportingTrial,
  faultHarness,
  startTwoWorkers,
  type TrialStart,
} from './support/fault-harness.js';
import { bowlValue, rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { alive, readJsonLines, stopScript, waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, objective } from './support/sweep.js';

const harness = faultHarness('kill-worker');

describe('kill -9 of a worker process in the middle of a trial', () => {
  it('re-runs the trial on another worker and records it once', { timeout: 120_000 }, async () => {
    const starts = startTwoWorkers(harness, 'killed');
    const controller = runController({
      redisUrl: harness.redis.url,
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
    const { victim, worker } = await firstReportingTrial(harness, starts, 'killed');
    expect(worker).toBeDefined();
    const killed = worker!;
    killed.child.kill('SIGKILL');
    expect((await killed.exit).signal).toBe('SIGKILL');
    // Its trial process notices the lost worker and exits instead of running on.
    await waitFor(() => !alive(victim.pid), 'the orphaned trial process to exit', 20_000);

    const summary = await controller;
    expect(summary).toMatchObject({ complete: 8, pruned: 0, failed: 0, total: 8, stopped: false });
    expect(summary.retried).toBeGreaterThanOrEqual(1);

    const trials = await studyTrials(harness.redis, 'killed');
    expect(trials.map((trial) => trial.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const trial of trials) expect(trial.value).toBe(bowlValue(trial.params));
    const survivor = harness.workers.find((worker) => worker !== killed)!;
    const rerun = trials[victim.number]!;
    expect(rerun.attempt).toBe(2);
    expect(rerun.userAttrs.workerPid).toBe(survivor.pid);
    const runs = readJsonLines<TrialStart>(starts).filter(
      (start) => start.number === victim.number,
    );
    expect(runs.map((run) => [run.attempt, run.workerPid])).toEqual([
      [1, killed.pid],
      [2, survivor.pid],
    ]);
    // Exactly one result per trial in the journal.
    const results = resultsPerTrial(await rawJournal(harness.redis));
    expect([...results.keys()].sort((a, b) => a - b)).toEqual(trials.map((trial) => trial.id));
    expect([...results.values()].every((count) => count === 1)).toBe(true);

    await stopScript(survivor);
    expect(survivor.child.exitCode).toBe(0);
    const lines = survivor.stdout().trim().split('\n');
    expect(JSON.parse(lines.at(-1)!).summary.complete).toBeGreaterThanOrEqual(1);
  });
});
