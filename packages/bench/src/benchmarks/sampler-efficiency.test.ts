import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/render.js';
import type { SuiteResult } from '../suite.js';
import { BRANIN, LOG_BOWL, samplerEfficiency } from './sampler-efficiency.js';
import { sweepExampleProblem } from './sampler-sweep-example.js';

describe('sampler efficiency benchmark', () => {
  it('knows the minima of its problems', () => {
    expect(LOG_BOWL.objective({ learningRate: 1e-3, weightDecay: 10 ** -5.5 })).toBeCloseTo(0, 12);
    for (const [x1, x2] of [
      [-Math.PI, 12.275],
      [Math.PI, 2.275],
      [9.42478, 2.475],
    ])
      expect(BRANIN.objective({ x1, x2 })).toBeCloseTo(BRANIN.minimum!, 5);
  });

  it('runs every sampler on every problem and reports trials to target and regrets', async () => {
    const result = await samplerEfficiency({ seeds: 2, trials: 15, checkpoints: [5, 15] });
    expect(result.problems.map((p) => p.name)).toEqual(['log bowl', 'Branin']);
    for (const problem of result.problems) {
      expect(problem.rows.map((r) => r.sampler)).toEqual([
        'random',
        'sobol',
        'tpe',
        'tpe lag 0',
        'tpe multivariate',
      ]);
      for (const row of problem.rows) {
        expect(row.meanTrialsToTarget).toBeGreaterThanOrEqual(1);
        expect(row.meanTrialsToTarget).toBeLessThanOrEqual(16);
        expect(row.meanBestRegret[15]).toBeGreaterThanOrEqual(0);
        expect(row.meanBestRegret[15]).toBeLessThanOrEqual(row.meanBestRegret[5]!);
      }
    }
    const text = renderReport({
      startedAt: '',
      durationMs: 0,
      mode: 'quick',
      environment: { node: '', platform: '', cpu: '', cores: 2, tfjs: '', loadAverage: 0 },
      benchmarks: ['samplers'],
      samplers: result,
      failures: [],
    } satisfies SuiteResult);
    expect(text).toContain('trials to regret <= 0.01');
    expect(text).toContain('tpe multivariate');
  });

  it('names an unknown sampler', async () => {
    await expect(
      samplerEfficiency({ seeds: 1, trials: 2, checkpoints: [], samplers: ['tpee'] }),
    ).rejects.toThrow('unknown sampler "tpee"; known: random, sobol, tpe');
  });

  it('trains the sweep example per trial and measures regret from the best run', async () => {
    const problem = await sweepExampleProblem({
      trials: 3,
      train: 60,
      validation: 30,
      epochs: 1,
      batchSize: 30,
    });
    const good = await problem.objective({ learningRate: 1e-2, weightDecay: 1e-6 });
    const tiny = await problem.objective({ learningRate: 1e-6, weightDecay: 1e-6 });
    expect(good).toBeLessThan(tiny);
    const result = await samplerEfficiency({
      seeds: 1,
      trials: 99,
      checkpoints: [2],
      problems: [problem],
    });
    const [report] = result.problems;
    expect(report!.trials).toBe(3);
    expect(report!.checkpoints).toEqual([2, 3]);
    expect(report!.rows.map((row) => row.sampler)).toEqual(['random', 'sobol', 'tpe']);
    expect(Math.min(...report!.rows.map((row) => row.meanBestRegret[3]!))).toBe(0);
  }, 60_000);
});
