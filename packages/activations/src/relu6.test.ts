import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { relu6 } from './relu6.js';

describe.each(['cpu', 'wasm'] as const)('relu6 on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('clips to [0, 6]', () => {
    expect(valuesAt(relu6, [-1, 0, 3, 6, 7, 1e4])).toEqual([0, 0, 3, 6, 6, 6]);
  });

  it("has derivative 1 on (0, 6) only: relu6'(0) = relu6'(6) = 0 (tf.relu6 gives 1 at 6)", () => {
    expect(derivativeAt(relu6, [-1, 0, 1e-8, 5.9999995, 6, 7])).toEqual([0, 0, 1, 1, 0, 0]);
    expect(secondDerivativeAt(relu6, [0, 3, 6])).toEqual([0, 0, 0]);
  });
});
