import { type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';
import { greaterEqualMask, lessEqualMask } from './masks.js';

/**
 * Clamping that keeps NaN and clamps ±Infinity on every backend, for the piecewise-linear
 * activations (relu, relu6, hardSigmoid, hardSwish) and softplus.
 *
 * tfjs's own kernels do not: `clipByValue` returns 0 for NaN on wasm, and on webgl's packed
 * path it leaves a whole texel of 4 values unclamped when any of them is NaN (so relu6(+Inf)
 * came out +Inf next to a NaN); webgl's packed `relu` is x * (x >= 0), NaN at -Infinity. The
 * elementwise `maximum` and `minimum` kernels handle NaN per value on cpu and webgl, and on wasm
 * when the NaN is their *first* argument (its kernel is std::max-like), so x always comes first.
 * Forward values only (its own gradient is tfjs's, first order); see {@link differentiableClamp}.
 */
export function clamp(x: Tensor, low: number, high: number): Tensor {
  return tf.minimum(tf.maximum(x, low), high);
}

/** max(x, 0), keeping NaN and giving 0 at -Infinity on every backend (see {@link clamp}). */
export function positivePart(x: Tensor): Tensor {
  return tf.maximum(x, 0);
}

/**
 * {@link clamp} with derivative 1 on the closed interval [low, high] and 0 outside (NaN at
 * NaN), written with zero-gradient masks so that it is differentiable again (tfjs's gradients
 * of minimum and maximum go through comparison kernels that have no gradient, which breaks
 * second derivatives).
 */
export function differentiableClamp(x: Tensor, low: number, high: number): Tensor {
  return withGradient(
    (input) => clamp(input, low, high),
    (dy, [input]) => [
      tf.mul(dy, tf.mul(greaterEqualMask(input!, low), lessEqualMask(input!, high))),
    ],
  )(x);
}
