import { type Tensor, tf } from '@fanin/core';

/**
 * Zero-one masks that may sit on a differentiable path.
 *
 * tfjs registers no gradient for comparison ops (`greater`, `less`, `equal`...), so a mask
 * built from them makes `grad` throw as soon as it depends on the input. These masks are built
 * from `tf.step` (1 where its argument is > 0, else 0), whose registered gradient is zero: they
 * select a branch without contributing to the derivative, which is how every kink convention in
 * this package is written down explicitly instead of inherited from a tfjs kernel.
 *
 * `x - threshold` is exact in sign for float32 (it is 0 only when x equals the threshold), so
 * the masks compare exactly. A NaN input gives a NaN mask, so NaN propagates as in PyTorch.
 */

/** 1 where x > threshold, else 0. */
export function greaterMask(x: Tensor, threshold = 0): Tensor {
  return tf.step(threshold === 0 ? x : tf.sub(x, threshold));
}

/** 1 where x >= threshold, else 0. */
export function greaterEqualMask(x: Tensor, threshold = 0): Tensor {
  return tf.sub(1, lessMask(x, threshold));
}

/** 1 where x < threshold, else 0. */
export function lessMask(x: Tensor, threshold = 0): Tensor {
  return tf.step(threshold === 0 ? tf.neg(x) : tf.sub(threshold, x));
}

/** 1 where x <= threshold, else 0. */
export function lessEqualMask(x: Tensor, threshold = 0): Tensor {
  return tf.sub(1, greaterMask(x, threshold));
}

/** sign(x) as -1, 0 or 1, with zero gradient (tfjs's `sign` returns 0 for |x| = 1e-8 on wasm). */
export function signMask(x: Tensor): Tensor {
  return tf.sub(greaterMask(x), lessMask(x));
}

/** 1 where x == threshold, else 0. */
export function equalMask(x: Tensor, threshold = 0): Tensor {
  return tf.sub(tf.sub(1, greaterMask(x, threshold)), lessMask(x, threshold));
}
