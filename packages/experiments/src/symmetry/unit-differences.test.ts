import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { unitDifferences } from './unit-differences.js';

describe('unitDifferences', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('is the largest L-infinity distance between two units, bias included', () => {
    // kernel [2 inputs, 3 units]: unit columns (1, 4), (2, 4), (1, 7); bias (0, 0, 0.5)
    const kernel = tf.tensor2d([
      [1, 2, 1],
      [4, 4, 7],
    ]);
    const bias = tf.tensor1d([0, 0, 0.5]);
    // pairs: |u0 - u1| = max(1, 0, 0) = 1, |u0 - u2| = max(0, 3, 0.5) = 3, |u1 - u2| = max(1, 3, 0.5) = 3
    expect(unitDifferences(kernel, bias)).toEqual({ maxDifference: 3, distinctUnits: 3 });
    tf.dispose([kernel, bias]);
  });

  it('counts identical units once and is 0 when all are equal', () => {
    const kernel = tf.tensor2d([
      [0.5, 0.5, 0.5],
      [-1, -1, -1],
    ]);
    expect(unitDifferences(kernel, undefined)).toEqual({ maxDifference: 0, distinctUnits: 1 });
    const bias = tf.tensor1d([0, 1e-7, 0]);
    expect(unitDifferences(kernel, bias)).toEqual({
      maxDifference: Math.fround(1e-7),
      distinctUnits: 2,
    });
    tf.dispose([kernel, bias]);
  });
});
