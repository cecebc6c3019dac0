import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { relu } from './relu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('relu', () => {
  it('is max(0, x), also for infinite inputs', () => {
    expect(
      valuesAt(relu, [-2, 0, 3, -1e4, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]),
    ).toEqual([0, 0, 3, 0, 0, Number.POSITIVE_INFINITY]);
  });

  it("has relu'(0) = 0 (PyTorch, JAX) and a zero second derivative", () => {
    expect(derivativeAt(relu, [-1, -1e-8, 0, 1e-8, 1])).toEqual([0, 0, 0, 1, 1]);
    expect(secondDerivativeAt(relu, [-1, 0, 1])).toEqual([0, 0, 0]);
  });
});
