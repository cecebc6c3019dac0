import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { l2StarDiscrepancy } from './discrepancy.js';
import { kolmogorovSurvival, ksTest } from './ks.js';
import { nanPercentile, ranks, spearman } from './rank.js';

describe('Kolmogorov–Smirnov', () => {
  it('has the textbook asymptotic critical values', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 4);
  });

  it('computes D exactly for a small sample', () => {
    expect(ksTest([0.1, 0.2, 0.9]).statistic).toBeCloseTo(0.4666666666, 9);
  });
});

describe('L2-star discrepancy', () => {
  it("matches numpy's Warnock formula on fixed point sets", () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../fixtures/discrepancy.json', import.meta.url), 'utf8'),
    ) as {
      sets: Record<string, { points: number[][]; discrepancy: number }>;
    };
    for (const { points, discrepancy } of Object.values(fixture.sets)) {
      expect(Math.abs(l2StarDiscrepancy(points) - discrepancy)).toBeLessThan(1e-12);
    }
  });
});

describe('ranks and percentiles', () => {
  it('averages tied ranks and correlates ranks', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it("interpolates linearly and ignores NaN, like numpy's nanpercentile", () => {
    expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(nanPercentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(nanPercentile([1, Number.NaN, 3], 50)).toBe(2);
    expect(nanPercentile([Number.NaN], 50)).toBeNaN();
  });
});
