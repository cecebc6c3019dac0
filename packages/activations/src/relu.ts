import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { positivePart } from './clamp.js';
import { withGradient } from './custom-gradient.js';
import { greaterMask } from './masks.js';

const reluWithGradient = withGradient(
  (x) => positivePart(x),
  (dy, [x]) => [tf.mul(dy, greaterMask(x!))],
);

/**
 * The rectified linear unit, relu(x) = max(0, x).
 *
 * - Range [0, inf).
 * - Derivative 1 for x > 0 and 0 for x <= 0: relu'(0) = 0, as PyTorch and JAX. The derivative
 *   is written down here (a zero-gradient mask), not inherited from a tfjs kernel; its own
 *   derivative is 0, so `grad(grad(relu))` is 0 everywhere.
 * - Units whose input stays negative get no gradient at all ("dead relu"); leakyRelu, elu or
 *   gelu avoid that.
 * - When to use it: the default hidden activation of deep feed-forward and convolutional
 *   networks, with He (Kaiming) initialization (gain sqrt 2).
 */
export function relu(x: Tensor): Tensor {
  return reluWithGradient(x);
}

export const reluActivation = defineActivation({
  description: 'Rectified linear unit max(0, x); derivative 0 at 0',
  options: {},
  metadata: {
    range: [0, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    // PyTorch's calculate_gain('relu').
    gain: () => Math.SQRT2,
  },
  create: (_options, { name }) => new FunctionModule(name, relu),
});
