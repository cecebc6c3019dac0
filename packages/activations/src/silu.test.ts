import { useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, valuesAt } from '../test/helpers.js';
import { silu } from './silu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('silu', () => {
  it('is x sigmoid(x), with its minimum -0.2785 at x = -1.2785', () => {
    const [minimum] = valuesAt(silu, [-1.2784645]);
    expect(minimum).toBeCloseTo(-0.2784645, 6);
    expect(derivativeAt(silu, [-1.2784645])[0]).toBeCloseTo(0, 6);
  });

  it('is finite at +-1e4', () => {
    expect(valuesAt(silu, [-1e4, 1e4])).toEqual([-0, 1e4]);
    expect(derivativeAt(silu, [-1e4, 1e4])).toEqual([0, 1]);
  });
});
