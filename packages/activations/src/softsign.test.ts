import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, secondDerivativeAt, valuesAt } from '../test/helpers.js';
import { softsign } from './softsign.js';

describe.each(['cpu', 'wasm'] as const)('softsign on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it("is x / (1 + |x|), also at tiny inputs (tfjs's sign is 0 there on wasm)", () => {
    expect(valuesAt(softsign, [-3, 0, 1])).toEqual([-0.75, 0, 0.5]);
    expect(secondDerivativeAt(softsign, [-1e-8, 1e-8])).toEqual([2, -2]);
  });

  it("has softsign'(0) = 1 and softsign''(0) = 0 (|x|'(0) = 0, as PyTorch)", () => {
    expect(derivativeAt(softsign, [0, 1])).toEqual([1, 0.25]);
    expect(secondDerivativeAt(softsign, [0])).toEqual([0]);
  });
});
