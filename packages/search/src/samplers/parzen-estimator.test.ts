import { Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { observationWeights, ParzenEstimator } from './parzen-estimator.js';
import { normalCdf } from './truncated-normal.js';

const options = { priorWeight: 1, multivariate: false };

/** Density of N(mu, sigma) truncated to [low, high] at x, written out by hand. */
function truncatedDensity(x: number, mu: number, sigma: number, low: number, high: number) {
  const z = (x - mu) / sigma;
  const density = Math.exp((-z * z) / 2) / (sigma * Math.sqrt(2 * Math.PI));
  return density / (normalCdf((high - mu) / sigma) - normalCdf((low - mu) / sigma));
}

describe('Parzen estimator', () => {
  it("weights observations as Optuna's default_weights", () => {
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    expect(observationWeights(25)).toEqual(new Array(25).fill(1));
    const ramp = observationWeights(30);
    expect(ramp.slice(0, 5)).toEqual([1 / 30, 0.275, 0.5166666666666667, 0.7583333333333333, 1]);
    expect(ramp.slice(5)).toEqual(new Array(25).fill(1));
    expect(observationWeights(26)[0]).toBe(1 / 26);
  });

  it("uses Optuna's univariate bandwidths with the magic clip and a prior over the range", () => {
    // Sorted with the prior's centre: 0.1 0.3 (0.5) 0.8. Bandwidths: 0.1 takes its inner gap
    // 0.2, 0.3 max(0.2, 0.2), 0.8 its inner gap 0.3; the clip floor is 1 / (3 + 2) = 0.2.
    const estimator = new ParzenEstimator(
      [[0.1], [0.3], [0.8]],
      [{ kind: 'numeric', low: 0, high: 1, step: 0 }],
      options,
    );
    for (const x of [0, 0.25, 0.6, 1]) {
      const expected =
        (truncatedDensity(x, 0.1, 0.2, 0, 1) +
          truncatedDensity(x, 0.3, 0.2, 0, 1) +
          truncatedDensity(x, 0.8, 0.3, 0, 1) +
          truncatedDensity(x, 0.5, 1, 0, 1)) /
        4;
      expect(Math.exp(estimator.logPdf([x]))).toBeCloseTo(expected, 6);
    }
  });

  it('is a density on the range, a distribution on a grid and over categories', () => {
    const continuous = new ParzenEstimator(
      [[0.05], [0.07], [0.9]],
      [{ kind: 'numeric', low: 0, high: 1, step: 0 }],
      options,
    );
    let integral = 0;
    for (let i = 0; i < 10000; i++) integral += Math.exp(continuous.logPdf([(i + 0.5) / 10000]));
    expect(integral / 10000).toBeCloseTo(1, 4);
    const grid = new ParzenEstimator(
      [[2], [3], [9]],
      [{ kind: 'numeric', low: 0, high: 10, step: 1 }],
      options,
    );
    let mass = 0;
    for (let k = 0; k <= 10; k++) mass += Math.exp(grid.logPdf([k]));
    expect(mass).toBeCloseTo(1, 10);
    const categories = new ParzenEstimator(
      [[1], [1], [0]],
      [{ kind: 'categorical', size: 3 }],
      options,
    );
    const p = [0, 1, 2].map((c) => Math.exp(categories.logPdf([c])));
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    // Each kernel spreads 1/4 over the 3 choices and adds 1 to its own; the prior only spreads.
    const own = (1 + 0.25) / (1 + 0.75);
    const other = 0.25 / (1 + 0.75);
    expect(p[1]).toBeCloseTo((2 * own + other + 1 / 3) / 4, 12);
    expect(p[2]).toBeCloseTo((3 * other + 1 / 3) / 4, 12);
  });

  it('samples what it describes, on the grid and in range', () => {
    const grid = new ParzenEstimator(
      [[2], [3], [9]],
      [{ kind: 'numeric', low: 0, high: 10, step: 1 }],
      options,
    );
    const random = new Random(3);
    const draws = grid.sample(random, 20000).map(([k]) => k!);
    for (const k of draws) {
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(10);
    }
    for (const k of [0, 2, 3, 6, 9, 10]) {
      const share = draws.filter((d) => d === k).length / draws.length;
      expect(Math.abs(share - Math.exp(grid.logPdf([k])))).toBeLessThan(0.015);
    }
  });

  it('models several coordinates jointly with one Scott-like bandwidth', () => {
    const joint = new ParzenEstimator(
      [
        [0.2, 0],
        [0.8, 1],
      ],
      [
        { kind: 'numeric', low: 0, high: 1, step: 0 },
        { kind: 'categorical', size: 2 },
      ],
      { priorWeight: 1, multivariate: true },
    );
    // Kernels stay paired: near 0.2 category 0 is likelier than category 1, near 0.8 the reverse.
    expect(joint.logPdf([0.2, 0])).toBeGreaterThan(joint.logPdf([0.2, 1]));
    expect(joint.logPdf([0.8, 1])).toBeGreaterThan(joint.logPdf([0.8, 0]));
    // Scott-like bandwidth 0.2 · 2^(-1/6) = 0.178 of the range, raised to the clip floor
    // 1 / (2 + 2); categories: each kernel spreads 1/3 and adds 1 to its own (0.8 / 0.2).
    const sigma = 0.25;
    const expected =
      (truncatedDensity(0.3, 0.2, sigma, 0, 1) * 0.2 +
        truncatedDensity(0.3, 0.8, sigma, 0, 1) * 0.8 +
        truncatedDensity(0.3, 0.5, 1, 0, 1) * 0.5) /
      3;
    expect(Math.exp(joint.logPdf([0.3, 1]))).toBeCloseTo(expected, 6);
  });
});
