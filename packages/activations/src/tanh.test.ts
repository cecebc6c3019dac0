import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { tanh } from './tanh.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('tanh', () => {
  it('is odd and saturates to +-1', () => {
    expect(valuesAt(tanh, [-1e4, 0, 1e4])).toEqual([-1, 0, 1]);
  });

  it('keeps the relative precision of its derivative where 1 - tanh^2 cancels', () => {
    const exact = (x: number) => 1 / Math.cosh(x) ** 2;
    derivativeAt(tanh, [6, -9, 20]).forEach((d, i) => {
      const x = [6, -9, 20][i]!;
      expect(Math.abs(d - exact(x)) / exact(x)).toBeLessThan(1e-6);
    });
    expect(derivativeAt(tanh, [0])).toEqual([1]);
    const [second] = secondDerivativeAt(tanh, [1]);
    expect(second).toBeCloseTo(-2 * Math.tanh(1) * (1 - Math.tanh(1) ** 2), 6);
  });
});
