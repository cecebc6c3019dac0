import { grad, type Tensor, tf } from '@fanin/core';

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
