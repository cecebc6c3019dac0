import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradcheckAlongAxis } from '../test/helpers.js';
import { logSoftmax } from './log-softmax.js';
import { softmax } from './softmax.js';

describe.each(['cpu', 'wasm'] as const)('logSoftmax on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('is log(softmax) without its underflow: exact at +-1e4', () => {
    const y = tf.tidy(() => Array.from(logSoftmax(tf.tensor2d([[1e4, 0, -1e4]])).dataSync()));
    expect(y).toEqual([0, -1e4, -2e4]);
  });

  it('agrees with log(softmax) on ordinary inputs along any axis', () => {
    const x = tf.tensor2d([
      [0.3, -1.2, 2.1],
      [1.5, 0.2, -0.7],
    ]);
    for (const axis of [0, 1, -1]) {
      const ours = tf.tidy(() => Array.from(logSoftmax(x, axis).dataSync()));
      const reference = tf.tidy(() => Array.from(tf.log(softmax(x, axis)).dataSync()));
      ours.forEach((v, i) => {
        expect(v).toBeCloseTo(reference[i]!, 6);
      });
    }
    x.dispose();
  });

  it('passes gradcheck, first and second order', () => {
    const { first, second } = gradcheckAlongAxis(logSoftmax);
    expect(first).toBe(true);
    expect(second).toBe(true);
  });
});
