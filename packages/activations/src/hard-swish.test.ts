import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { hardSwish } from './hard-swish.js';

describe.each(['cpu', 'wasm'] as const)('hardSwish on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('is x relu6(x + 3) / 6', () => {
    expect(valuesAt(hardSwish, [-4, -3, 0, 3, 4])).toEqual([-0, -0, 0, 3, 4]);
    expect(valuesAt(hardSwish, [-1.5])[0]).toBeCloseTo(-0.375, 7);
  });

  it("takes the middle piece on [-3, 3] at the kinks: hardSwish'(-3) = -0.5, hardSwish'(3) = 1.5 (PyTorch)", () => {
    expect(derivativeAt(hardSwish, [-4, -3, 0, 3, 4])).toEqual([0, -0.5, 0.5, 1.5, 1]);
  });

  it('has second derivative 1/3 on (-3, 3) only, 0 at the kinks (PyTorch)', () => {
    const third = Math.fround(1 / 3);
    expect(secondDerivativeAt(hardSwish, [-4, -3, 0, 3, 4])).toEqual([0, 0, third, 0, 0]);
  });
});
