import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { erfcScalar, normalCdf, normalCdfScalar, normalPdfScalar } from './normal-cdf.js';

// Phi(x) to 16 digits (Wolfram Alpha: CDF[NormalDistribution[0, 1], x]).
const REFERENCE: readonly [number, number][] = [
  [-8, 6.22096057427178e-16],
  [-6, 9.865876450376981e-10],
  [-3, 0.0013498980316300946],
  [-1, 0.15865525393145707],
  [-1e-8, 0.499999996010573],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [2, 0.9772498680518208],
  [5, 0.9999997133484281],
];

describe('normalCdfScalar', () => {
  it('has relative error below 2e-7 everywhere, tails included', () => {
    for (const [x, phi] of REFERENCE)
      expect(Math.abs(normalCdfScalar(x) - phi) / phi).toBeLessThan(2e-7);
    expect(erfcScalar(0)).toBeCloseTo(1, 7);
  });
});

describe.each(['cpu', 'wasm'] as const)('normalCdf on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('is accurate in float32 (relative 3e-7), with no cancellation in the negative tail', () => {
    const xs = REFERENCE.map(([x]) => x);
    const ours = valuesAt(normalCdf, xs);
    REFERENCE.forEach(([, phi], i) => {
      expect(Math.abs(ours[i]! - phi) / phi).toBeLessThan(3e-7);
    });
  });

  it('stays finite for every float32 input', () => {
    const xs = [-3e38, -1e20, -1e4, -100, 100, 1e4, 1e20, 3e38];
    expect(valuesAt(normalCdf, xs)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(derivativeAt(normalCdf, xs)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('has the exact density as its derivative, and its derivative -x phi(x)', () => {
    const xs = [-6, -3, -0.5, 0, 1, 4];
    const first = derivativeAt(normalCdf, xs);
    const second = secondDerivativeAt(normalCdf, xs);
    xs.forEach((x, i) => {
      const phi = normalPdfScalar(x);
      expect(Math.abs(first[i]! - phi)).toBeLessThanOrEqual(3e-7 * phi);
      expect(Math.abs(second[i]! + x * phi)).toBeLessThanOrEqual(1e-6 * Math.abs(x * phi) + 1e-12);
    });
  });
});
