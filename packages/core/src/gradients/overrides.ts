import type { GradConfig, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { batchMatMulGradient } from './batch-mat-mul.js';

/**
 * fanin's own gradients, registered over tfjs's. One table, so every deviation from tfjs is
 * visible in one place, and the place a kernel's derivative is written (the tanh activation is
 * `tf.tanh` and takes its derivative from here). Hand-written backwards in @fanin/activations
 * are only the conventions at kinks and non-finite inputs (relu'(0), clamp's ends, elu'(0),
 * softplus at its threshold), where fanin follows PyTorch rather than the value's one-sided
 * slopes, and sigmoid's tail-accurate derivative:
 *
 * - Exp, Sigmoid, Tanh, Elu: tfjs computes these from the saved *output* (or, for Elu, with
 *   a kernel that has no gradient), so grad(grad(f)) fails. These recompute from the input,
 *   which makes every derivative differentiable again (second order works).
 * - BatchMatMul (batch-mat-mul.ts): sums the gradient over broadcast batch axes, which tfjs
 *   does not (its gradient of a broadcasting matMul throws), and transposes explicitly on wasm,
 *   where matMul with transposeA/transposeB is about 13x slower.
 */
export const GRADIENT_OVERRIDES: readonly GradConfig[] = [
  gradientFromInput(tf.Exp, (x) => tf.exp(x)),
  // sigma'(x) = sigma(x) (1 - sigma(x)), as tfjs and PyTorch compute it: 0 in float32 beyond
  // |x| of about 17, which losses on saturated probabilities rely on to match PyTorch. The
  // `sigmoid` activation keeps its own, accurate in the tails (see @fanin/activations).
  gradientFromInput(tf.Sigmoid, (x) => {
    const s = tf.sigmoid(x);
    return tf.mul(s, tf.sub(1, s));
  }),
  // tanh'(x) = 1 - tanh(x)^2 = 4 sigma(2x) sigma(-2x), written the second way for the same
  // reason (1 - tanh^2 cancels for large |x|).
  gradientFromInput(tf.Tanh, (x) => {
    const twice = tf.mul(x, 2);
    return tf.mul(tf.mul(tf.sigmoid(twice), tf.sigmoid(tf.neg(twice))), 4);
  }),
  // d/dx elu(x) = 1 for x > 0, exp(x) otherwise (tfjs's Elu has alpha = 1).
  // step() has a (zero) gradient, unlike comparisons, so this stays differentiable.
  gradientFromInput(tf.Elu, (x) => {
    const positive = tf.step(x);
    return tf.add(positive, tf.mul(tf.sub(1, positive), tf.exp(tf.minimum(x, 0))));
  }),
  batchMatMulGradient,
];

/**
 * The gradient of a unary kernel recomputed from its saved input x, dx = dy * derivative(x),
 * so that it is itself differentiable (tfjs's own gradients of these kernels read the saved
 * output, which breaks second order).
 */
function gradientFromInput(kernelName: string, derivative: (x: Tensor) => Tensor): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      return { x: () => tf.mul(dy, derivative(x)) };
    },
  };
}
