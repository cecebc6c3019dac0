import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { customGradient, grad, valueAndGrad } from './grad.js';
import { gradcheck } from './gradcheck.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('grad', () => {
  it('differentiates exp and prod (gradients tfjs-core does not register on import)', () => {
    expect(grad((x) => tf.exp(x))(tf.scalar(1)).dataSync()[0]).toBeCloseTo(Math.E, 5);
    expect([...grad((x) => tf.prod(x))(tf.tensor1d([2, 3, 4])).dataSync()]).toEqual([12, 8, 6]);
  });

  it.each([
    ['exp', (x: tf.Tensor) => tf.exp(x), (x: number) => Math.exp(x)],
    [
      'sigmoid',
      (x: tf.Tensor) => tf.sigmoid(x),
      (x: number) => {
        const s = 1 / (1 + Math.exp(-x));
        return s * (1 - s) * (1 - 2 * s);
      },
    ],
    [
      'tanh',
      (x: tf.Tensor) => tf.tanh(x),
      (x: number) => {
        const t = Math.tanh(x);
        return -2 * t * (1 - t * t);
      },
    ],
    ['elu', (x: tf.Tensor) => tf.elu(x), (x: number) => (x > 0 ? 0 : Math.exp(x))],
  ])('second derivative of %s matches the analytic value', (_name, f, second) => {
    const xs = [-2, -0.5, 0.3, 1.7];
    const g2 = grad(grad(f))(tf.tensor1d(xs)).dataSync();
    xs.forEach((x, i) => {
      expect(g2[i]).toBeCloseTo(second(x), 5);
    });
  });
});

describe('valueAndGrad', () => {
  it('returns gradients by parameter name', () => {
    const w = tf.variable(tf.tensor1d([1, 2, 3]));
    const b = tf.variable(tf.scalar(0.5));
    const { value, grads } = valueAndGrad(() => tf.add(tf.sum(tf.square(w)), b) as tf.Scalar, {
      w,
      b,
    });
    expect(value.dataSync()[0]).toBeCloseTo(14.5);
    expect([...grads.get('w')!.dataSync()]).toEqual([2, 4, 6]);
    expect(grads.get('b')!.dataSync()[0]).toBe(1);
  });
});

describe('customGradient', () => {
  it('uses the hand-written gradient', () => {
    const clipped = customGradient((x: tf.Tensor) => ({
      value: tf.mul(x, 3),
      gradient: (dy) => [tf.clipByValue(tf.mul(dy, 3), -1, 1)],
    }));
    expect([...grad((x) => clipped(x))(tf.tensor1d([1, 2])).dataSync()]).toEqual([1, 1]);
  });

  it('works on intermediate tensors and gives second derivatives through the saved inputs', () => {
    // d/dx x^3 written by hand as 3 x^2 dy, with differentiable ops.
    const cube = customGradient((x: tf.Tensor) => ({
      value: tf.pow(x, 3),
      gradient: (dy, [saved]) => [tf.mul(dy, tf.mul(3, tf.square(saved!)))],
    }));
    // f(x) = cube(2x): f' = 24 x^2, f'' = 48 x.
    const f = (x: tf.Tensor) => cube(tf.mul(x, 2));
    expect(grad(f)(tf.scalar(1.5)).dataSync()[0]).toBeCloseTo(54, 4);
    expect(grad(grad(f))(tf.scalar(1.5)).dataSync()[0]).toBeCloseTo(72, 4);
  });
});

describe('gradcheck', () => {
  it('accepts a correct gradient and reports a small error', () => {
    const result = gradcheck(
      (a, b) => tf.matMul(tf.tanh(a), b),
      [tf.randomNormal([3, 4], 0, 1, 'float32', 1), tf.randomNormal([4, 2], 0, 1, 'float32', 2)],
    );
    expect(result.ok).toBe(true);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
  });

  it('rejects a wrong gradient and says where', () => {
    const wrong = customGradient((x: tf.Tensor) => ({
      value: tf.square(x),
      gradient: (dy) => [tf.mul(dy, x)],
    }));
    const result = gradcheck((x) => wrong(x), [tf.tensor1d([1, 2, 3])]);
    expect(result.ok).toBe(false);
    expect(result.worst).toBeDefined();
    expect(result.maxRelativeError).toBeGreaterThan(0.4);
  });
});
