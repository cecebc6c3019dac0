import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, valuesAt } from '../test/helpers.js';
import { hardSigmoid } from './hard-sigmoid.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('hardSigmoid', () => {
  it("is relu6(x + 3) / 6 as PyTorch, not tfjs's 0.2 x + 0.5", () => {
    const [atMinusOne] = valuesAt(hardSigmoid, [-1]);
    expect(atMinusOne).toBeCloseTo(1 / 3, 7); // tfjs: 0.3
    expect(valuesAt(hardSigmoid, [-4, -3, 0, 3, 4])).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('has derivative 1/6 on (-3, 3) and 0 at -3 and 3 (PyTorch)', () => {
    const sixth = Math.fround(1 / 6);
    expect(derivativeAt(hardSigmoid, [-3.5, -3, -2.9999998, 0, 2.9999998, 3, 3.5])).toEqual([
      0,
      0,
      sixth,
      sixth,
      sixth,
      0,
      0,
    ]);
  });
});
