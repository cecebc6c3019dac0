import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { softplus } from './softplus.js';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('softplus (on wasm, whose log1p is log(1 + x))', () => {
  it('never overflows and keeps its digits in the negative tail', () => {
    expect(valuesAt((x) => softplus(x), [-1e4, 1e4])).toEqual([0, 1e4]);
    const [tail] = valuesAt((x) => softplus(x), [-15]);
    expect(Math.abs(tail! - Math.log1p(Math.exp(-15))) / Math.log1p(Math.exp(-15))).toBeLessThan(
      1e-6,
    );
    const [zero] = valuesAt((x) => softplus(x), [0]);
    expect(zero).toBeCloseTo(Math.LN2, 7);
  });

  it('returns x above the threshold, as PyTorch', () => {
    // beta x = 6 > 5: x itself; at 4.5 < 5: log(1 + exp(4.5))
    expect(valuesAt((x) => softplus(x, 1, 5), [6])).toEqual([6]);
    expect(valuesAt((x) => softplus(x, 1, 5), [4.5])[0]).toBeCloseTo(Math.log1p(Math.exp(4.5)), 5);
    expect(valuesAt((x) => softplus(x, 2, 20), [1])[0]).toBeCloseTo(Math.log1p(Math.exp(2)) / 2, 6);
  });

  it('has derivative sigmoid(beta x) up to the threshold and 1 above; second derivative 0 from it', () => {
    const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
    const [below, at, above] = derivativeAt((x) => softplus(x, 0.5, 10), [10, 20, 30]);
    expect(below).toBeCloseTo(sigmoid(5), 6);
    expect(at).toBeCloseTo(sigmoid(10), 6);
    expect(above).toBe(1);
    const [second] = secondDerivativeAt((x) => softplus(x, 0.5, 10), [20]);
    expect(second).toBe(0);
  });

  it('validates beta and threshold', () => {
    expect(() => valuesAt((x) => softplus(x, 0), [1])).toThrow(
      'activation "softplus": option "beta" must be a number > 0, got 0',
    );
    expect(() => valuesAt((x) => softplus(x, 1, -1), [1])).toThrow(
      'option "threshold" must be a number > 0, got -1',
    );
  });
});
