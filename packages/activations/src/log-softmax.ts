import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { withGradient } from './custom-gradient.js';
import { normalizeAxis, shiftByMax, softmax, softmaxOptions } from './softmax.js';

/**
 * logSoftmax(x)_i = x_i - log(sum_j exp(x_j)) along `axis` (any axis; default the last).
 *
 * - Range (-inf, 0].
 * - Computed as (x - max) - log(sum(exp(x - max))): exact for inputs of +-1e4 (a row
 *   [1e4, 0, -1e4] gives [0, -1e4, -2e4]), never Inf or NaN for finite inputs, and more accurate
 *   than log(softmax(x)), which underflows to -Inf.
 * - Derivative dx = dy - softmax(x) * sum(dy), written out and differentiable again.
 * - When to use it: classifier outputs with a negative log-likelihood loss (PyTorch's
 *   LogSoftmax + NLLLoss = CrossEntropyLoss).
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  checkOptions('logSoftmax', softmaxOptions, { axis });
  const dimension = normalizeAxis('logSoftmax', x.rank, axis);
  return withGradient(
    (input) => {
      const shifted = shiftByMax(input, dimension);
      return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), dimension, true)));
    },
    (dy, [input]) => [tf.sub(dy, tf.mul(softmax(input!, dimension), tf.sum(dy, dimension, true)))],
  )(x);
}

export const logSoftmaxActivation = defineActivation({
  description: 'Log of softmax along an axis (default -1), computed stably',
  options: softmaxOptions,
  metadata: {
    range: [Number.NEGATIVE_INFINITY, 0],
    zeroCentered: false,
    saturating: false,
    smooth: true,
    monotonic: false,
    recommendedInitializer: 'glorotUniform',
    // Not an elementwise nonlinearity (it sits on the output layer); gain 1 as for linear.
    gain: () => 1,
  },
  create: (options, { name }) => new FunctionModule(name, (x) => logSoftmax(x, options.axis)),
});
