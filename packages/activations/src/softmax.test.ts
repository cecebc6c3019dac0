import { ShapeError, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradcheckAlongAxis } from '../test/helpers.js';
import { softmax } from './softmax.js';

describe.each(['cpu', 'wasm'] as const)('softmax on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('normalizes along any axis, the last by default', () => {
    const x = tf.tensor3d([
      [
        [1, 2, 3],
        [0, -1, 5],
      ],
      [
        [2, 2, 2],
        [-3, 0, 1e4],
      ],
    ]);
    for (const axis of [0, 1, 2, -1, -2]) {
      const sums = tf.tidy(() => Array.from(tf.sum(softmax(x, axis), axis).dataSync()));
      for (const sum of sums) expect(sum).toBeCloseTo(1, 6);
    }
    const byDefault = tf.tidy(() => Array.from(softmax(x).dataSync()));
    const last = tf.tidy(() => Array.from(softmax(x, 2).dataSync()));
    expect(byDefault).toEqual(last);
    x.dispose();
  });

  it('is exact and finite for inputs of +-1e4', () => {
    const y = tf.tidy(() =>
      Array.from(
        softmax(
          tf.tensor2d([
            [1e4, 0, -1e4],
            [-1e4, -1e4, -1e4],
          ]),
        ).dataSync(),
      ),
    );
    expect(y.slice(0, 3)).toEqual([1, 0, 0]);
    for (const v of y.slice(3)) expect(v).toBeCloseTo(1 / 3, 7);
  });

  it('passes gradcheck on a non-last axis, and its gradient passes gradcheck too (second order)', () => {
    const { first, second } = gradcheckAlongAxis(softmax);
    expect(first).toBe(true);
    expect(second).toBe(true);
  });

  it('says which axes exist when the axis is out of range', () => {
    const x = tf.tensor2d([[1, 2]]);
    expect(() => softmax(x, 2)).toThrow(ShapeError);
    expect(() => softmax(x, 2)).toThrow(
      'softmax: axis 2 is out of range for a rank-2 input. Use an axis from -2 to 1',
    );
    expect(() => softmax(tf.scalar(1))).toThrow(
      'softmax: expected a tensor of rank >= 1, got a scalar',
    );
    expect(() => softmax(x, 0.5)).toThrow(
      'activation "softmax": option "axis" must be an integer, got 0.5',
    );
    x.dispose();
  });
});
