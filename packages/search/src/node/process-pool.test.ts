import { createStudy, divergence, logUniform, categorical, uniform } from '@fanin/search';
import { describe, expect, it } from 'vitest';
import { sweepThroughput } from './bench.js';
import { processPool } from './process-pool.js';

const objectives = new URL('../../test/objectives/quadratic.mjs', import.meta.url);
const space = { x: logUniform(1e-4, 1), act: categorical(['relu', 'tanh']) };

async function sweep(
  workers: number,
  exportName: string,
  trials: number,
  options: { retries?: number; pruner?: ReturnType<typeof divergence> } = {},
) {
  const study = await createStudy({
    space,
    seed: 21,
    epochs: 2,
    ...(options.pruner ? { pruner: options.pruner } : {}),
  });
  const pool = processPool({ module: objectives, export: exportName, workers });
  try {
    const summary = await study.optimize(pool, {
      trials,
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    });
    return { summary, trials: await study.trials(), pool };
  } finally {
    await pool.close();
  }
}

describe('processPool', () => {
  it('gives identical parameters and results per trial number with 1 or 2 workers', async () => {
    const one = await sweep(1, 'objective', 8);
    const two = await sweep(2, 'objective', 8);
    const view = (trials: typeof one.trials) =>
      trials.map((t) => [t.number, t.params, t.value, [...t.intermediateValues]]);
    expect(view(two.trials)).toEqual(view(one.trials));
    expect(one.summary.complete).toBe(8);
    expect(new Set(one.trials.map((t) => t.userAttrs.pid)).size).toBe(1);
    expect(new Set(two.trials.map((t) => t.userAttrs.pid)).size).toBe(2);
    expect(one.trials.every((t) => t.userAttrs.pid !== process.pid)).toBe(true);
  });

  it('re-runs the trial of a SIGKILLed worker by default: no trial is lost', async () => {
    const { summary, trials } = await sweep(2, 'killsTrialTwo', 4);
    expect(summary).toMatchObject({ complete: 4, failed: 0, retried: 1 });
    expect(trials.map((t) => t.value)).toEqual([0, 1, 2, 3]);
    expect(trials[2]!.attempt).toBe(2);
  });

  it('fails the trial of a worker killed on every attempt with a true count, replaces the worker and goes on', async () => {
    const { summary, trials } = await sweep(2, 'alwaysKillsTrialTwo', 6);
    expect(summary).toMatchObject({ complete: 5, failed: 1, retried: 2 });
    expect(trials[2]!.state).toBe('failed');
    expect(trials[2]!.attempt).toBe(3);
    expect(trials[2]!.reason).toMatch(
      /^worker process \d+ was killed by SIGKILL during trial 2 \(gave up after 3 crashed attempts; retries: 2\)$/,
    );
    expect(trials.filter((t) => t.state === 'complete').map((t) => t.value)).toEqual([
      0, 1, 3, 4, 5,
    ]);
  });

  it('re-runs the trial of a killed worker up to `retries` times', async () => {
    const { summary, trials } = await sweep(2, 'killsTrialTwo', 4, { retries: 1 });
    expect(summary).toMatchObject({ complete: 4, failed: 0, retried: 1 });
    expect(trials[2]!.attempt).toBe(2);
    expect(trials[2]!.systemAttrs['fanin:crashes']).toBe(1);
  });

  it('carries every trial call across the process boundary', async () => {
    const { trials } = await sweep(1, 'chatty', 3, { pruner: divergence() });
    expect(trials.map((t) => t.state)).toEqual(['pruned', 'pruned', 'failed']);
    const seen = trials[0]!.userAttrs.seen as {
      prune: boolean;
      momentum: number;
      epochs: number;
      seed: number;
    };
    expect(seen.prune).toBe(true);
    expect(seen.epochs).toBe(2);
    expect(trials[0]!.params.momentum).toBe(seen.momentum);
    expect(trials[0]!.intermediateValues.get(1)).toBeNaN();
    expect(trials[0]!.reason).toBe('diverged: value NaN at step 1');
    expect(trials[2]!.reason).toBe('TypeError: broken objective');
  });

  it('fails trials with a clear reason when the module or export is wrong', async () => {
    const { trials } = await sweep(1, 'nope', 1);
    expect(trials[0]!.reason).toMatch(
      /has no function export "nope" \(exports: alwaysKillsTrialTwo, chatty, killsTrialTwo, objective\)/,
    );
    const study = await createStudy({ space: { x: uniform(0, 1) } });
    const pool = processPool({ module: '/nonexistent/objective.mjs', workers: 1 });
    await study.optimize(pool, { trials: 1 });
    await pool.close();
    expect((await study.trials())[0]!.reason).toMatch(
      /^cannot load objective module file:\/\/\/nonexistent\/objective\.mjs/,
    );
  });

  it('validates its options', () => {
    expect(() => processPool({ module: objectives, workers: 0 })).toThrow(
      /workers must be an integer >= 1/,
    );
  });
});

describe('sweepThroughput', () => {
  it('reports trials per minute for a worker count', async () => {
    const result = await sweepThroughput({ workers: 2, trials: 4, work: 1e5 });
    expect(result).toMatchObject({ workers: 2, trials: 4, work: 1e5 });
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.trialsPerMinute).toBeCloseTo((4 / result.seconds) * 60, 6);
  });
});
