import { grad, gradcheck, type Tensor, tf } from '@fanin/core';

/** f(x) at each x, as plain numbers. */
export function valuesAt(f: (x: Tensor) => Tensor, xs: readonly number[]): number[] {
  return tf.tidy(() => Array.from(f(tf.tensor1d([...xs])).dataSync()));
}

/** f'(x) at each x (elementwise f), by autograd. */
export function derivativeAt(f: (x: Tensor) => Tensor, xs: readonly number[]): number[] {
  return tf.tidy(() => Array.from(grad(f)(tf.tensor1d([...xs])).dataSync()));
}

/** f''(x) at each x (elementwise f), by autograd of autograd. */
export function secondDerivativeAt(f: (x: Tensor) => Tensor, xs: readonly number[]): number[] {
  return tf.tidy(() => Array.from(grad(grad(f))(tf.tensor1d([...xs])).dataSync()));
}

/**
 * gradcheck of an along-axis function (softmax, logSoftmax) on axis 0 of a 2x3 input, and of
 * the gradient of a weighted sum of it, which checks the second derivative (finite differences
 * of a float32 gradient need the looser 1e-3 absolute, 2e-2 relative there).
 */
export function gradcheckAlongAxis(fn: (x: Tensor, axis: number) => Tensor): {
  readonly first: boolean;
  readonly second: boolean;
} {
  const x = tf.tensor2d([
    [0.3, -1.2, 2.1],
    [1.5, 0.2, -0.7],
  ]);
  const weighting = tf.tensor2d([
    [0.5, -1, 2],
    [1, 0.25, -0.5],
  ]);
  const f = (t: Tensor) => tf.sum(tf.mul(fn(t, 0), weighting));
  const first = gradcheck((t) => fn(t, 0), [x]).ok;
  const second = gradcheck((t) => grad(f)(t), [x], { atol: 1e-3, rtol: 2e-2 }).ok;
  x.dispose();
  weighting.dispose();
  return { first, second };
}
