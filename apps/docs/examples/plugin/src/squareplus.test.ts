import { createRegistry, gradcheck, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { squareplusGain, squareplusPlugin } from './index.js';

const registry = createRegistry({ plugins: [squareplusPlugin] });
const xs = [-6, -1.5, -0.2, 0, 0.3, 2, 7];

beforeAll(async () => {
  await useBackend('cpu');
});

describe('squareplus', () => {
  it('computes (x + sqrt(x² + b)) / 2', () => {
    const activation = registry.activation('squareplus', { b: 2 });
    const values = tf.tidy(() => activation.apply(tf.tensor1d(xs)).arraySync() as number[]);
    for (const [i, x] of xs.entries())
      expect(values[i]).toBeCloseTo((x + Math.sqrt(x * x + 2)) / 2, 5);
  });

  it('has the gradient finite differences measure', () => {
    const activation = registry.activation('squareplus');
    const x = tf.tensor1d(xs);
    const result = gradcheck((input) => activation.apply(input), [x]);
    x.dispose();
    expect(result.ok, `worst: ${JSON.stringify(result.worst)}`).toBe(true);
  });

  it('validates its option with a one-line error', () => {
    expect(() => registry.activation('squareplus', { b: -1 })).toThrow(
      'activation "squareplus": option "b" must be a number >= 0, got -1',
    );
  });

  it('becomes relu when b = 0', () => {
    const activation = registry.activation('squareplus', { b: 0 });
    const values = tf.tidy(() => activation.apply(tf.tensor1d(xs)).arraySync() as number[]);
    for (const [i, x] of xs.entries()) expect(values[i]).toBeCloseTo(Math.max(0, x), 6);
  });

  it('reports the gain 1 / sqrt(E[f(Z)²]), checked by numerical integration', () => {
    const secondMoment = (b: number) => {
      // Simpson's rule of f(z)² φ(z) on [-12, 12].
      const steps = 4000;
      const h = 24 / steps;
      const g = (z: number) =>
        (((z + Math.sqrt(z * z + b)) / 2) ** 2 * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI);
      let sum = g(-12) + g(12);
      for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * g(-12 + i * h);
      return (sum * h) / 3;
    };
    for (const b of [0, 1, 4, 10])
      expect(squareplusGain(b)).toBeCloseTo(1 / Math.sqrt(secondMoment(b)), 6);
    expect(squareplusGain(0)).toBeCloseTo(Math.SQRT2, 12);
    expect(registry.info('activation', 'squareplus').metadata!.gain({ b: 4 })).toBeCloseTo(
      Math.sqrt(2 / 3),
      12,
    );
  });
});
