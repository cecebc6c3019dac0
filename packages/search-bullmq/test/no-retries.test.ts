import { describe, expect, it } from 'vitest';
import { runController } from '../src/index.js';
import { firstReportingTrial, faultHarness, startTwoWorkers } from './support/fault-harness.js';
import { rawJournal, resultsPerTrial, studyTrials } from './support/journal.js';
import { alive, waitFor } from '@fanin/test-support/subprocess';
import { bowlSpace, objective } from './support/sweep.js';

const harness = faultHarness('no-retries');

describe('retries: 0 and a worker killed in the middle of a trial', () => {
  it('fails that trial once, saying it gave up after the 1 attempt it had', {
    timeout: 120_000,
  }, async () => {
    const starts = startTwoWorkers(harness, 'once');
    const controller = runController({
      redisUrl: harness.redis.url,
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
    const { victim, worker } = await firstReportingTrial(harness, starts, 'once');
    const killed = worker!;
    killed.child.kill('SIGKILL');
    await killed.exit;
    await waitFor(() => !alive(victim.pid), 'the orphaned trial process to exit', 20_000);

    const summary = await controller;
    expect(summary).toMatchObject({ complete: 3, failed: 1, total: 4, retried: 0 });
    const trials = await studyTrials(harness.redis, 'once');
    const failed = trials[victim.number]!;
    expect(failed.state).toBe('failed');
    expect(failed.attempt).toBe(1);
    expect(failed.reason).toMatch(/^gave up after 1 attempt: /);
    const results = resultsPerTrial(await rawJournal(harness.redis));
    expect([...results.values()].every((count) => count === 1)).toBe(true);
  });
});
