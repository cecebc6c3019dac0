import { InvalidOptionError, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { leakyRelu } from './leaky-relu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('leakyRelu', () => {
  it("defaults to PyTorch's slope 0.01 (not Keras's 0.2 or 0.3)", () => {
    expect(valuesAt((x) => leakyRelu(x), [-100, 0, 2])).toEqual([-1, 0, 2]);
  });

  it("has leakyRelu'(0) = alpha (PyTorch's convention) and a zero second derivative", () => {
    const slope = Math.fround(0.2);
    expect(derivativeAt((x) => leakyRelu(x, 0.2), [-5, 0, 1e-8, 5])).toEqual([slope, slope, 1, 1]);
    expect(secondDerivativeAt((x) => leakyRelu(x, 0.2), [-5, 0, 5])).toEqual([0, 0, 0]);
  });

  it('accepts 0 (relu) and slopes above 1, and keeps -inf for a nonzero slope', () => {
    expect(valuesAt((x) => leakyRelu(x, 0), [-3, 3])).toEqual([-0, 3]);
    expect(valuesAt((x) => leakyRelu(x, 2), [-3, 3, Number.NEGATIVE_INFINITY])).toEqual([
      -6,
      3,
      Number.NEGATIVE_INFINITY,
    ]);
  });

  it('rejects negative or non-finite slopes with the option message', () => {
    expect(() => valuesAt((t) => leakyRelu(t, -0.1), [1])).toThrow(InvalidOptionError);
    expect(() => valuesAt((t) => leakyRelu(t, -0.1), [1])).toThrow(
      'activation "leakyRelu": option "alpha" must be a number >= 0, got -0.1',
    );
    expect(() => valuesAt((t) => leakyRelu(t, Number.NaN), [1])).toThrow(
      'option "alpha" must be a number >= 0, got NaN',
    );
  });
});
