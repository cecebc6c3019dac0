import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';
import { sigmoid } from './sigmoid.js';

const tanhWithGradient = withGradient(
  (x) => tf.tanh(x),
  (dy, [x]) => {
    const twice = tf.mul(x!, 2);
    return [tf.mul(dy, tf.mul(tf.mul(sigmoid(twice), sigmoid(tf.neg(twice))), 4))];
  },
);

/**
 * The hyperbolic tangent, tanh(x) = (e^x - e^-x) / (e^x + e^-x) = 2 sigma(2x) - 1.
 *
 * - Range (-1, 1), zero-centered, odd.
 * - Derivative 1 - tanh(x)^2, 1 at 0, vanishing for large |x| (saturating). Computed as
 *   4 sigma(2x) sigma(-2x), the same number without the cancellation of 1 - tanh^2 for large |x|,
 *   and differentiable again (second derivatives work).
 * - When to use it: recurrent cells and small networks where zero-centered, bounded outputs
 *   help; with Glorot (Xavier) initialization. Gain 5/3 as PyTorch's calculate_gain('tanh').
 */
export function tanh(x: Tensor): Tensor {
  return tanhWithGradient(x);
}

export const tanhActivation = defineActivation({
  description: 'Hyperbolic tangent, range (-1, 1), zero-centered',
  options: {},
  metadata: {
    range: [-1, 1],
    zeroCentered: true,
    saturating: true,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'glorotNormal',
    // PyTorch's calculate_gain('tanh').
    gain: () => 5 / 3,
  },
  create: (_options, { name }) => new FunctionModule(name, tanh),
});
