import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { mish } from './mish.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('mish', () => {
  it('is x tanh(softplus(x))', () => {
    const xs = [-3, -0.5, 0.5, 2];
    valuesAt(mish, xs).forEach((y, i) => {
      const x = xs[i]!;
      expect(y).toBeCloseTo(x * Math.tanh(Math.log1p(Math.exp(x))), 6);
    });
  });

  it('is finite at +-1e4, second derivative included (PyTorch 1.13 gives NaN at 100)', () => {
    expect(valuesAt(mish, [-1e4, 1e4])).toEqual([-0, 1e4]);
    expect(derivativeAt(mish, [-1e4, 100, 1e4])).toEqual([0, 1, 1]);
    expect(secondDerivativeAt(mish, [-1e4, 100, 1e4])).toEqual([0, 0, 0]);
  });
});
