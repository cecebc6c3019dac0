import { type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';
import { greaterMask, lessMask, signMask } from './masks.js';

/**
 * The standard normal distribution function Phi(x) = P(Z <= x), with an exact derivative.
 *
 * tfjs's `erf` is the Abramowitz-Stegun 7.1.26 fit on the cpu and webgl backends (absolute error
 * 1.5e-7, the whole value of erf's tail), and 1 + erf(x) cancels for negative x, so
 * 0.5 * (1 + erf(x / sqrt 2)) loses most of its digits there. Phi is computed instead from the
 * complementary error function, which never cancels: Phi(x) = erfc(|x| / sqrt 2) / 2 for x < 0
 * and 1 - erfc(x / sqrt 2) / 2 for x >= 0, with the Chebyshev fit of erfc from Numerical Recipes
 * (2nd ed., section 6.2: relative error below 1.2e-7 for every z >= 0), with exp(-z^2) taken
 * without rounding z^2 (see `expMinusHalfSquare`). Measured float32 relative error: below 3e-7
 * from Phi(-8) = 6e-16 to 1, on cpu and wasm alike (the same formula runs on every backend, from
 * exp, mul and add only).
 *
 * The derivative is not the fit's derivative but the exact density
 * phi(x) = exp(-x^2 / 2) / sqrt(2 pi), written with differentiable ops, so second derivatives are
 * exact too.
 */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
] as const;

const INVERSE_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** erfc(z) for z >= 0, in float64 (for gains and other scalar computations). */
export function erfcScalar(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  let polynomial = 0;
  for (let i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) {
    polynomial = polynomial * t + ERFC_COEFFICIENTS[i]!;
  }
  return t * Math.exp(-z * z + polynomial);
}

/** Phi(x) in float64. */
export function normalCdfScalar(x: number): number {
  const tail = 0.5 * erfcScalar(Math.abs(x) * Math.SQRT1_2);
  return x >= 0 ? 1 - tail : tail;
}

/** phi(x) = exp(-x^2 / 2) / sqrt(2 pi) in float64. */
export function normalPdfScalar(x: number): number {
  return Math.exp(-0.5 * x * x) * INVERSE_SQRT_2PI;
}

/**
 * exp(-x^2 / 2) * exp(extra) without the rounding of x^2: x is split (Veltkamp, 12 + 12 bits) into
 * hi + lo, so hi^2 is exact in float32 and x^2 = hi^2 + lo (x + hi) with a small second term.
 * Rounding x^2 itself would cost up to 1e-6 relative at |x| = 4 and 3e-6 at |x| = 6.
 * Differentiable: autograd sees hi as x and lo as a constant, which gives d/dx = -x times the
 * value.
 */
function expMinusHalfSquare(x: Tensor, extra?: Tensor): Tensor {
  const gamma = tf.mul(x, 4097);
  const hi = tf.sub(gamma, tf.sub(gamma, x));
  const lo = tf.sub(x, hi);
  const rest = tf.mul(tf.mul(lo, tf.add(x, hi)), -0.5);
  return tf.mul(tf.exp(tf.mul(tf.square(hi), -0.5)), tf.exp(extra ? tf.add(rest, extra) : rest));
}

/**
 * phi(x) elementwise, differentiable (phi' = -x phi). Inputs beyond +-40 (where phi is 0 in
 * float32) are replaced by +-40 through zero-gradient masks, so that the split of x stays finite
 * up to the largest float32.
 */
export function normalPdf(x: Tensor): Tensor {
  return tf.tidy(() => {
    const inside = tf.mul(greaterMask(x, -40), lessMask(x, 40));
    const clamped = tf.add(tf.mul(x, inside), tf.mul(tf.mul(signMask(x), 40), tf.sub(1, inside)));
    return tf.mul(expMinusHalfSquare(clamped), INVERSE_SQRT_2PI);
  });
}

/** erfc(a / sqrt 2) for a >= 0. */
function erfcOfScaled(a: Tensor): Tensor {
  const z = tf.mul(a, Math.SQRT1_2);
  const t = tf.div(1, tf.add(1, tf.mul(z, 0.5)));
  let polynomial: Tensor = tf.scalar(ERFC_COEFFICIENTS[ERFC_COEFFICIENTS.length - 1]!);
  for (let i = ERFC_COEFFICIENTS.length - 2; i >= 0; i--) {
    polynomial = tf.add(tf.mul(polynomial, t), ERFC_COEFFICIENTS[i]!);
  }
  // t exp(-z^2 + P(t)) with z^2 = a^2 / 2 taken exactly
  return tf.mul(t, expMinusHalfSquare(a, polynomial));
}

/** Phi(x) elementwise; its gradient is exactly phi(x). */
export const normalCdf: (x: Tensor) => Tensor = withGradient(
  (x) => {
    // Phi(-40) is far below the smallest float32; clamping keeps every intermediate finite
    const tail = tf.mul(erfcOfScaled(tf.minimum(tf.abs(x), 40)), 0.5);
    return tf.where(tf.greaterEqual(x, 0), tf.sub(1, tail), tail);
  },
  (dy, [x]) => [tf.mul(dy, normalPdf(x!))],
);
