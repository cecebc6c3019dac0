import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';

const sigmoidWithGradient: (x: Tensor) => Tensor = withGradient(
  (x) => tf.sigmoid(x),
  (dy, [x]) => [tf.mul(dy, tf.mul(sigmoid(x!), sigmoid(tf.neg(x!))))],
);

/**
 * The logistic sigmoid, sigma(x) = 1 / (1 + exp(-x)).
 *
 * - Range (0, 1) (0 and 1 are reached in float32 beyond |x| of about 17 and 104).
 * - Derivative sigma(x) (1 - sigma(x)), at most 1/4 (at 0): it vanishes for large |x|, which is
 *   why deep sigmoid networks train slowly, and its outputs are not zero-centered. Computed as
 *   sigma(x) sigma(-x), which keeps its relative precision in the tails where 1 - sigma(x)
 *   cancels (PyTorch's float32 sigmoid'(15) is 2.7% low); written with this same sigmoid, so
 *   derivatives of every order are available and accurate.
 * - When to use it: as the output of a binary classifier or a gate (LSTM, attention gates), not
 *   as the hidden activation of a deep network (prefer relu, gelu or silu there).
 */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidWithGradient(x);
}

export const sigmoidActivation = defineActivation({
  description: 'Logistic sigmoid 1 / (1 + exp(-x)), range (0, 1)',
  options: {},
  metadata: {
    range: [0, 1],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'glorotNormal',
    // PyTorch's calculate_gain('sigmoid').
    gain: () => 1,
  },
  create: (_options, { name }) => new FunctionModule(name, sigmoid),
});
