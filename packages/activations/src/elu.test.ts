import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { elu } from './elu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('elu', () => {
  it('takes any alpha (tfjs only 1) and tends to -alpha', () => {
    expect(valuesAt((x) => elu(x, 0.5), [-1e4, 2])).toEqual([-0.5, 2]);
    expect(valuesAt((x) => elu(x, 3), [-1e4])).toEqual([-3]);
    expect(valuesAt((x) => elu(x, 0), [-5, 5])).toEqual([-0, 5]);
  });

  it('keeps full precision near 0 (expm1, not exp - 1)', () => {
    const [tiny] = valuesAt((x) => elu(x), [-1e-8]);
    expect(tiny! / -1e-8).toBeCloseTo(1, 6);
  });

  it("has elu'(0) = alpha (PyTorch; tfjs says 1) and elu''(0) = 0 (PyTorch's double backward)", () => {
    expect(derivativeAt((x) => elu(x, 0.5), [0])).toEqual([0.5]);
    expect(derivativeAt((x) => elu(x, 0.5), [1e-8, 3])).toEqual([1, 1]);
    expect(secondDerivativeAt((x) => elu(x, 0.5), [-1e-8, 0, 1])).toEqual([0.5, 0, 0]);
  });

  it('is finite where exp overflows', () => {
    expect(valuesAt((x) => elu(x), [1e4, Number.POSITIVE_INFINITY])).toEqual([
      1e4,
      Number.POSITIVE_INFINITY,
    ]);
    expect(derivativeAt((x) => elu(x), [1e4, -1e4, Number.POSITIVE_INFINITY])).toEqual([1, 0, 1]);
  });

  it('rejects a negative alpha', () => {
    expect(() => valuesAt((x) => elu(x, -1), [1])).toThrow(
      'activation "elu": option "alpha" must be a number >= 0, got -1',
    );
  });
});
