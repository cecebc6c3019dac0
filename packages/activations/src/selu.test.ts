import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt, valuesAt } from '../test/helpers.js';
import { SELU_ALPHA, SELU_SCALE, selu } from './selu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('selu', () => {
  it('uses the self-normalizing constants', () => {
    const [low, high] = valuesAt(selu, [-1e4, 2]);
    expect(low).toBeCloseTo(-SELU_ALPHA * SELU_SCALE, 6);
    expect(high).toBeCloseTo(2 * SELU_SCALE, 6);
    expect(derivativeAt(selu, [0])[0]).toBeCloseTo(SELU_ALPHA * SELU_SCALE, 6);
  });

  it('keeps N(0, 1) inputs at mean 0 and variance 1 (the fixed point)', () => {
    const [mean, variance] = tf.tidy(() => {
      const z = tf.randomNormal([200_000], 0, 1, 'float32', 7);
      const { mean, variance } = tf.moments(selu(z));
      return [mean.dataSync()[0]!, variance.dataSync()[0]!];
    });
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.01);
  });
});
