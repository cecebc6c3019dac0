import { type Tensor, tf } from '@fanin/core';

/** Mean, centered input and biased variance over some axes, kept for broadcasting. */
export interface Moments {
  readonly mean: Tensor;
  readonly centered: Tensor;
  /** Biased: the mean of squared deviations (divided by n, as every normalizer uses). */
  readonly variance: Tensor;
}

/**
 * Two-pass moments: mean = E[x], variance = E[(x - mean)^2], both with `keepDims`. Two passes
 * (rather than E[x^2] - E[x]^2) avoid cancellation in float32 when |mean| >> std, and the
 * centered input is returned so the normalization reuses it. Differentiable through the tape.
 */
export function moments(x: Tensor, axes: readonly number[]): Moments {
  const mean = tf.mean(x, [...axes], true);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), [...axes], true);
  return { mean, centered, variance };
}

/** (x - mean) / sqrt(variance + epsilon), given x - mean. */
export function scaleByInverseStd(centered: Tensor, variance: Tensor, epsilon: number): Tensor {
  return tf.mul(centered, tf.rsqrt(tf.add(variance, epsilon)));
}
