import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';

/**
 * squareplus(x) = (x + sqrt(x² + b)) / 2: a smooth relu built from algebraic operations only.
 *
 * - Range (0, ∞); b = 0 gives relu exactly.
 * - Derivative (1 + x / sqrt(x² + b)) / 2, between 0 and 1, 1/2 at 0.
 * - When to use it: where relu's kink hurts (second-order methods, smooth fits) and softplus's
 *   exp and log cost too much.
 */
export function squareplus(x: Tensor, b = 4): Tensor {
  return tf.tidy(() => tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), b))), 2));
}

/**
 * The gain initializers use with squareplus: 1 / sqrt(E[f(Z)²]) for Z ~ N(0, 1), so that a
 * layer keeps its input's second moment (the rule behind relu's sqrt 2). Here
 * f(z)² = (2z² + b + 2z·sqrt(z² + b)) / 4 and the last term is odd, so E[f(Z)²] = (2 + b) / 4
 * and the gain is 2 / sqrt(2 + b): sqrt 2 at b = 0, as relu.
 */
export function squareplusGain(b: number): number {
  return 2 / Math.sqrt(2 + b);
}

export const squareplusActivation = defineActivation({
  description: 'Smooth relu (x + sqrt(x² + b)) / 2; b = 0 is relu',
  options: {
    b: option.number({
      description: 'Smoothness: the curve meets relu as b goes to 0',
      default: 4,
      min: 0,
    }),
  },
  metadata: {
    range: [0, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    gain: (options) => squareplusGain(options.b as number),
  },
  create: (options) => new FunctionModule('squareplus', (x) => squareplus(x, options.b)),
});
