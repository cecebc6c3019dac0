import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { withGradient } from './custom-gradient.js';
import { constantGain, secondMomentGain } from './gain.js';
import { equalMask, greaterMask, lessMask } from './masks.js';

export const eluOptions = {
  alpha: option.number({
    description:
      'Scale of the negative part: elu(x) tends to -alpha as x -> -inf. Any alpha >= 0 (tfjs accepts only 1)',
    default: 1,
    min: 0,
  }),
} as const;

/**
 * positiveScale * x for x > 0, negativeScale * (exp(x) - 1) for x <= 0: the family elu
 * (1, alpha) and selu (lambda, lambda * alpha) belong to.
 *
 * The negative branch uses expm1, which keeps full relative precision near 0 (PyTorch's
 * float32 kernel computes exp(x) - 1 and returns 0 for |x| below 6e-8).
 *
 * Derivative: positiveScale for x > 0, negativeScale * exp(x) for x <= 0 (negativeScale at 0,
 * as PyTorch's x <= 0 branch). Second derivative: negativeScale * exp(x) for x < 0 and 0 for
 * x >= 0 (0 at the kink, as PyTorch's double backward). The derivative is written with
 * zero-gradient masks so that both conventions hold: the term [x == 0] supplies the value at 0
 * without a slope.
 */
export function eluFamily(x: Tensor, positiveScale: number, negativeScale: number): Tensor {
  return withGradient(
    (input) =>
      tf.where(
        tf.greater(input, 0),
        positiveScale === 1 ? input : tf.mul(input, positiveScale),
        tf.mul(tf.expm1(input), negativeScale),
      ),
    (dy, [input]) => {
      const x = input!;
      const negativeSlope = tf.add(tf.mul(tf.exp(tf.minimum(x, 0)), lessMask(x)), equalMask(x));
      const slope = tf.add(
        tf.mul(greaterMask(x), positiveScale),
        tf.mul(negativeSlope, negativeScale),
      );
      return [tf.mul(dy, slope)];
    },
  )(x);
}

/**
 * The exponential linear unit (Clevert et al. 2015), elu(x) = x for x > 0,
 * alpha * (exp(x) - 1) for x <= 0.
 *
 * - Range (-alpha, inf).
 * - Derivative 1 for x > 0, alpha * exp(x) for x <= 0; elu'(0) = alpha (PyTorch's convention;
 *   tfjs's `tf.elu` returns 1 there). Continuously differentiable only for alpha = 1, so the
 *   registry reports smooth: false.
 * - Any alpha >= 0. tfjs's `elu` layer throws for alpha != 1; here alpha is an option.
 * - When to use it: like relu but with negative outputs that push mean activations toward 0 and
 *   no dead units; He initialization.
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkOptions('elu', eluOptions, { alpha });
  return eluFamily(x, 1, alpha);
}

export const eluActivation = defineActivation({
  description: 'Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise',
  options: eluOptions,
  metadata: {
    // for the default alpha 1; (-alpha, inf) in general
    range: [-1, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[elu(Z)^2]) (see gain.ts); 1.2452 for alpha = 1.
    gain: (options) => eluGain((options.alpha as number | undefined) ?? 1),
  },
  create: (options, { name }) => new FunctionModule(name, (x) => elu(x, options.alpha)),
});

const defaultEluGain = constantGain(() => computeEluGain(1));

function eluGain(alpha: number): number {
  return alpha === 1 ? defaultEluGain() : computeEluGain(alpha);
}

function computeEluGain(alpha: number): number {
  return secondMomentGain((z) => (z > 0 ? z : alpha * Math.expm1(z)), [0]);
}
