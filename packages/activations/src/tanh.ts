import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';

/**
 * The hyperbolic tangent, tanh(x) = (e^x - e^-x) / (e^x + e^-x) = 2 sigma(2x) - 1.
 *
 * - Range (-1, 1), zero-centered, odd.
 * - Derivative 1 - tanh(x)^2, 1 at 0, vanishing for large |x| (saturating). Computed as
 *   4 sigma(2x) sigma(-2x), the same number without the cancellation of 1 - tanh^2 for large |x|,
 *   by core's gradient of tfjs's Tanh kernel (packages/core/src/gradients/overrides.ts),
 *   differentiable again (second derivatives work).
 * - When to use it: recurrent cells and small networks where zero-centered, bounded outputs
 *   help; with Glorot (Xavier) initialization. Gain 5/3 as PyTorch's calculate_gain('tanh').
 */
export function tanh(x: Tensor): Tensor {
  return tf.tanh(x);
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
