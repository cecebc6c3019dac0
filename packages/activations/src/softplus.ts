import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { positivePart } from './clamp.js';
import { withGradient } from './custom-gradient.js';
import { secondMomentGain } from './gain.js';
import { equalMask, greaterMask, lessMask } from './masks.js';
import { sigmoid } from './sigmoid.js';

export const softplusOptions = {
  beta: option.number({
    description: 'Sharpness: softplus(beta * x) / beta approaches relu as beta grows',
    default: 1,
    greaterThan: 0,
  }),
  threshold: option.number({
    description: 'Above beta * x > threshold the function returns x itself (as PyTorch)',
    default: 20,
    greaterThan: 0,
  }),
} as const;

/**
 * log(1 + u) for u >= 0 to full float32 precision (forward only). The wasm backend computes
 * `tf.log1p(u)` as log(1 + u), which loses every digit below 6e-8 (log1p(1e-8) = 0) and most of
 * them for small u; this uses Goldberg's identity log1p(u) = log(w) * u / (w - 1), w = 1 + u
 * rounded, which cancels the rounding of w exactly, and u itself where w rounds to 1.
 */
function log1pForward(u: Tensor): Tensor {
  const w = tf.add(1, u);
  const shift = tf.sub(w, 1);
  return tf.where(tf.equal(shift, 0), u, tf.mul(tf.log(w), tf.div(u, shift)));
}

/** log(1 + exp(t)) = max(t, 0) + log1p(exp(-|t|)): no overflow for any float32 t (forward only). */
function softplusForward(t: Tensor): Tensor {
  return tf.add(positivePart(t), log1pForward(tf.exp(tf.neg(tf.abs(t)))));
}

/**
 * log(1 + exp(t)) for every float32 t, without overflow or loss of digits. Its derivative is
 * sigmoid(t), written out, so second derivatives are sigmoid's.
 */
export const stableSoftplus: (t: Tensor) => Tensor = withGradient(
  (t) => softplusForward(t),
  (dy, [t]) => [tf.mul(dy, sigmoid(t!))],
);

/**
 * softplus(x) = log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold, exactly
 * as PyTorch's `Softplus(beta, threshold)`.
 *
 * - Range (0, inf) (0 is reached in float32 below about -104 / beta).
 * - Derivative sigmoid(beta * x) for beta * x <= threshold, 1 above (as PyTorch's first
 *   derivative); second derivative beta sigmoid'(beta * x) for beta * x < threshold, 0 from the
 *   threshold on (as PyTorch's double backward). Smooth up to the threshold switch, whose jump
 *   (about exp(-threshold) / beta) is below float32 resolution for the default threshold 20.
 * - Numerically stable for every input: max(t, 0) + log1p(exp(-|t|)), never exp of a large
 *   positive number (softplus(1e4) = 1e4, softplus(-1e4) = 0, no Inf or NaN), with an accurate
 *   log1p on every backend.
 * - When to use it: where a smooth positive output is needed (a variance, a rate, the scale of a
 *   distribution); as a hidden activation it trains slower than relu.
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  checkOptions('softplus', softplusOptions, { beta, threshold });
  const slopeAtThreshold = 1 / (1 + Math.exp(-threshold));
  return withGradient(
    (input) => {
      const scaled = tf.mul(input, beta);
      const smooth = beta === 1 ? softplusForward(scaled) : tf.div(softplusForward(scaled), beta);
      return tf.where(tf.greater(scaled, threshold), input, smooth);
    },
    (dy, [input]) => {
      const scaled = tf.mul(input!, beta);
      // 1 above the threshold, sigmoid(beta x) below it, and sigmoid(threshold) as a constant at it
      const slope = tf.add(
        tf.add(
          greaterMask(scaled, threshold),
          tf.mul(lessMask(scaled, threshold), sigmoid(scaled)),
        ),
        tf.mul(equalMask(scaled, threshold), slopeAtThreshold),
      );
      return [tf.mul(dy, slope)];
    },
  )(x);
}

export const softplusActivation = defineActivation({
  description: 'Smooth relu log(1 + exp(beta x)) / beta, linear above the threshold (as PyTorch)',
  options: softplusOptions,
  metadata: {
    range: [0, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[softplus(Z)^2]) (see gain.ts): 1.0419 for beta 1.
    gain: (options) => {
      const beta = (options.beta as number | undefined) ?? 1;
      const threshold = (options.threshold as number | undefined) ?? 20;
      return secondMomentGain(
        (z) => (beta * z > threshold ? z : Math.log1p(Math.exp(beta * z)) / beta),
        [threshold / beta],
      );
    },
  },
  create: (options, { name }) =>
    new FunctionModule(name, (x) => softplus(x, options.beta, options.threshold)),
});
