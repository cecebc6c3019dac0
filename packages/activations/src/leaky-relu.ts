import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { withGradient } from './custom-gradient.js';
import { greaterMask } from './masks.js';

export const leakyReluOptions = {
  alpha: option.number({
    description:
      'Slope for x <= 0 (PyTorch negative_slope). 0 gives relu, 1 the identity; values above 1 are allowed (the function stays monotonic); negative slopes are rejected (use prelu, whose slope is learned and may be negative)',
    default: 0.01,
    min: 0,
  }),
} as const;

/**
 * The leaky rectified linear unit, leakyRelu(x) = x for x > 0, alpha * x otherwise.
 *
 * - Range (-inf, inf) for alpha > 0; [0, inf) for alpha = 0 (relu).
 * - Derivative 1 for x > 0 and alpha for x <= 0: leakyRelu'(0) = alpha, as PyTorch
 *   (`leaky_relu_backward` uses x > 0). JAX returns 1 at 0. Second derivative 0.
 * - Default slope 0.01 as PyTorch and JAX. Keras differs: `keras.ops.leaky_relu` and tfjs's
 *   `tf.leakyRelu` default to 0.2, Keras's and tfjs's `LeakyReLU` layers to 0.3. Pass the slope
 *   explicitly when porting a Keras model.
 * - alpha must be >= 0: a negative slope makes the function non-monotonic, which is not what a
 *   leaky relu is for; alpha > 1 is accepted (still monotonic, if unusual).
 * - When to use it: instead of relu when dead units are a problem; He initialization with the
 *   leaky gain sqrt(2 / (1 + alpha^2)).
 */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  checkOptions('leakyRelu', leakyReluOptions, { alpha });
  return withGradient(
    (input) => tf.where(tf.greater(input, 0), input, tf.mul(input, alpha)),
    (dy, [input]) => {
      const positive = greaterMask(input!);
      // slope = 1 where x > 0, alpha elsewhere (alpha at 0)
      return [tf.mul(dy, tf.add(positive, tf.mul(tf.sub(1, positive), alpha)))];
    },
  )(x);
}

export const leakyReluActivation = defineActivation({
  description: 'Leaky relu: x for x > 0, alpha * x otherwise (default alpha 0.01 as PyTorch)',
  options: leakyReluOptions,
  metadata: {
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: false,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    // PyTorch's calculate_gain('leaky_relu', alpha).
    gain: (options) => Math.sqrt(2 / (1 + ((options.alpha as number | undefined) ?? 0.01) ** 2)),
  },
  create: (options, { name }) => new FunctionModule(name, (x) => leakyRelu(x, options.alpha)),
});
