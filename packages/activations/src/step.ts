import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { normalCdfScalar } from './normal-cdf.js';

export const stepOptions = {
  threshold: option.number({
    description: 'Inputs strictly above the threshold give 1, the others 0',
    default: 0,
  }),
} as const;

/**
 * The Heaviside step, step(x) = 1 if x > threshold, else 0 (0 at the threshold itself, as tfjs's
 * `tf.step` and PyTorch's `(x > t).float()`).
 *
 * - Range {0, 1}; NaN at NaN (PyTorch's `(x > t).float()` gives 0 there; fanin lets NaN
 *   through, see the README's Numerics).
 * - Derivative 0 everywhere (also at the threshold): gradient descent cannot train through it,
 *   and `grad` returns zeros rather than throwing.
 * - When to use it: perceptron demonstrations, binarizing outputs, and the activation-
 *   distribution experiments; not for training with gradients.
 */
export function step(x: Tensor, threshold = 0): Tensor {
  checkOptions('step', stepOptions, { threshold });
  return tf.tidy(() => tf.step(threshold === 0 ? x : tf.sub(x, threshold)));
}

export const stepActivation = defineActivation({
  description: 'Heaviside step: 1 where x > threshold, else 0; zero gradient',
  options: stepOptions,
  metadata: {
    range: [0, 1],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'glorotNormal',
    // Second-moment gain: E[step(Z)^2] = P(Z > t) = Phi(-t), so 1 / sqrt(Phi(-t)) (sqrt 2 at 0).
    gain: (options) =>
      1 / Math.sqrt(normalCdfScalar(-((options.threshold as number | undefined) ?? 0))),
  },
  create: (options, { name }) => new FunctionModule(name, (x) => step(x, options.threshold)),
});
