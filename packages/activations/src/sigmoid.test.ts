import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { sigmoid } from './sigmoid.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('sigmoid', () => {
  it('is 1 / (1 + exp(-x)) and saturates to exact 0 and 1', () => {
    expect(valuesAt(sigmoid, [0, -1e4, 1e4])).toEqual([0.5, 0, 1]);
  });

  it('keeps the relative precision of its derivative in the tails (sigma(x) sigma(-x))', () => {
    const exact = (x: number) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2;
    derivativeAt(sigmoid, [15, -15, 30]).forEach((d, i) => {
      const x = [15, -15, 30][i]!;
      expect(Math.abs(d - exact(x)) / exact(x)).toBeLessThan(1e-6);
    });
    expect(derivativeAt(sigmoid, [0])).toEqual([0.25]);
    expect(secondDerivativeAt(sigmoid, [0])).toEqual([0]);
  });
});
