import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';

/**
 * The identity, linear(x) = x (a new tensor, so disposing the output never disposes the input).
 *
 * - Range (-inf, inf); derivative 1.
 * - Registered as `linear` (Keras, tfjs) with the alias `identity` (PyTorch's nn.Identity).
 * - When to use it: the output of a regression model, or to switch an activation off in a config.
 */
export function linear(x: Tensor): Tensor {
  return tf.clone(x);
}

export const linearActivation = defineActivation({
  description: 'Identity: returns its input unchanged',
  options: {},
  aliases: ['identity'],
  metadata: {
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    zeroCentered: true,
    saturating: false,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'glorotUniform',
    // PyTorch's calculate_gain('linear').
    gain: () => 1,
  },
  create: (_options, { name }) => new FunctionModule(name, linear),
});
