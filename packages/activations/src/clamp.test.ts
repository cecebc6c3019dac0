import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { clamp, differentiableClamp, positivePart } from './clamp.js';

// NaN between the infinities, so a backend that handles 4 values at a time sees them together.
const GRID = [Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY, 1e30, -1e30, 2.5];

describe.each(['cpu', 'wasm'] as const)('clamp on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('keeps NaN and clamps the infinities (tf.clipByValue gives 0 for NaN on wasm)', () => {
    expect(valuesAt((x) => clamp(x, 0, 6), GRID)).toEqual([6, Number.NaN, 0, 6, 0, 2.5]);
    expect(valuesAt(positivePart, GRID)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NaN,
      0,
      Math.fround(1e30),
      0,
      2.5,
    ]);
  });

  it('differentiableClamp has slope 1 on the closed interval, 0 outside, and a zero second derivative', () => {
    const f = (x: Parameters<typeof clamp>[0]) => differentiableClamp(x, -3, 3);
    expect(valuesAt(f, [-4, -3, 0.5, 3, 4])).toEqual([-3, -3, 0.5, 3, 3]);
    expect(derivativeAt(f, [-4, -3, 0.5, 3, 4, ...GRID])).toEqual([
      0,
      1,
      1,
      1,
      0,
      0,
      Number.NaN,
      0,
      0,
      0,
      1,
    ]);
    expect(secondDerivativeAt(f, [-4, 0.5, 3])).toEqual([0, 0, 0]);
  });
});
