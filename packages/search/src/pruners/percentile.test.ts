import { describe, expect, it } from 'vitest';
import { trialRecord } from '../testing/trial-record.js';
import { median, percentile } from './percentile.js';

// Five completed trials; at step 2 their values are 1, 2, 3, 4, 5 (median 3).
const completed = [1, 2, 3, 4, 5].map((v, i) => trialRecord(i + 1, [v + 2, v + 1, v, v - 0.5]));

const check = (
  curve: number[],
  options = {},
  direction: 'minimize' | 'maximize' = 'minimize',
  others = completed,
) => {
  const trial = trialRecord(0, curve, 'running');
  return median(options).check({ trial, trials: [trial, ...others], direction });
};

describe('median pruner (Optuna semantics)', () => {
  const table: [string, number[], object, boolean][] = [
    ['best so far above the median at step 2', [9, 8, 3.5], {}, true],
    ['best so far equal to the median is kept', [9, 8, 3], {}, false],
    ['an earlier good value counts (best over steps, not the last)', [0.5, 8, 7], {}, false],
    ['below the median', [9, 8, 2], {}, false],
    ['before warmupSteps', [9, 8, 7], { warmupSteps: 3 }, false],
    ['at warmupSteps', [9, 8, 7, 6], { warmupSteps: 3 }, true],
    ['between interval checks (warmup 0, interval 2, step 1)', [9, 8], { intervalSteps: 2 }, false],
    ['on an interval check (step 2)', [9, 8, 7], { intervalSteps: 2 }, true],
    ['fewer completed trials than startupTrials', [9, 8, 7], { startupTrials: 6 }, false],
    ['fewer values at the step than minTrials', [9, 8, 7, 6, 5], { minTrials: 1 }, false],
    ['every value NaN', [Number.NaN, Number.NaN], {}, true],
  ];
  for (const [name, curve, options, prune] of table) {
    it(`${prune ? 'prunes' : 'keeps'}: ${name}`, () =>
      expect(check(curve, options).prune).toBe(prune));
  }

  it('only counts complete trials (not pruned or running ones)', () => {
    const others = [...completed.slice(0, 4), trialRecord(9, [100, 100, 100], 'pruned')];
    expect(check([9, 8, 3.5], {}, 'minimize', others).prune).toBe(false);
  });

  it('flips for maximization', () => {
    expect(check([0, 1, 2.5], {}, 'maximize').prune).toBe(true);
    expect(check([0, 1, 3.5], {}, 'maximize').prune).toBe(false);
  });

  it('interpolates percentiles like numpy', () => {
    const trial = trialRecord(0, [9, 8, 1.9], 'running');
    const p25 = percentile({ percentile: 25 }).check({
      trial,
      trials: [trial, ...completed],
      direction: 'minimize',
    });
    expect(p25.prune).toBe(false);
    const at = trialRecord(0, [9, 8, 2.01], 'running');
    const decision = percentile({ percentile: 25 }).check({
      trial: at,
      trials: [at, ...completed],
      direction: 'minimize',
    });
    expect(decision.prune).toBe(true);
    expect(decision.reason).toBe(
      'best value 2.01 is worse than the 25th percentile 2 of 5 completed trials at step 2',
    );
  });
});
