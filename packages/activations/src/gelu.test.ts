import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { gelu } from './gelu.js';
import { normalCdfScalar, normalPdfScalar } from './normal-cdf.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('gelu', () => {
  it('is exact x Phi(x) by default, also deep in the negative tail', () => {
    const xs = [-8, -5, -3, -0.75, 0, 1, 4];
    valuesAt((x) => gelu(x), xs).forEach((y, i) => {
      const exact = xs[i]! * normalCdfScalar(xs[i]!);
      expect(Math.abs(y - exact)).toBeLessThanOrEqual(1e-6 * Math.abs(exact) + 1e-12);
    });
  });

  it('has derivative Phi + x phi and second derivative phi (2 - x^2)', () => {
    const xs = [-4, -1, 0, 0.5, 2];
    const first = derivativeAt((x) => gelu(x), xs);
    const second = secondDerivativeAt((x) => gelu(x), xs);
    xs.forEach((x, i) => {
      expect(first[i]).toBeCloseTo(normalCdfScalar(x) + x * normalPdfScalar(x), 6);
      expect(second[i]).toBeCloseTo(normalPdfScalar(x) * (2 - x * x), 6);
    });
  });

  it('offers the tanh approximation explicitly, within 5e-4 of the exact form', () => {
    const xs = [-3, -1.5, -0.5, 0.5, 1.5, 3];
    const exact = valuesAt((x) => gelu(x, 'none'), xs);
    const approximate = valuesAt((x) => gelu(x, 'tanh'), xs);
    for (let i = 0; i < xs.length; i++)
      expect(Math.abs(exact[i]! - approximate[i]!)).toBeLessThan(5e-4);
    expect(approximate).not.toEqual(exact);
  });

  it('is finite at +-1e4 in both forms', () => {
    for (const form of ['none', 'tanh'] as const) {
      expect(valuesAt((x) => gelu(x, form), [-1e4, 1e4])).toEqual([-0, 1e4]);
      expect(derivativeAt((x) => gelu(x, form), [-1e4, 1e4])).toEqual([0, 1]);
    }
  });

  it('rejects an unknown form', () => {
    expect(() => valuesAt((x) => gelu(x, 'erf' as never), [1])).toThrow(
      'activation "gelu": option "approximate" must be one of "none", "tanh", got "erf"',
    );
  });
});
