import { type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';

/**
 * The standard normal distribution function Phi(x) = P(Z <= x), with an exact derivative.
 *
 * tfjs's `erf` is the Abramowitz-Stegun 7.1.26 fit on the cpu and webgl backends (absolute error
 * 1.5e-7, the whole value of erf's tail), and 1 + erf(x) cancels for negative x, so
 * 0.5 * (1 + erf(x / sqrt 2)) loses most of its digits there. Phi is computed instead from the
 * complementary error function, which never cancels: Phi(x) = erfc(|x| / sqrt 2) / 2 for x < 0
 * and 1 - erfc(x / sqrt 2) / 2 for x >= 0, with the Chebyshev fit of erfc from Numerical Recipes
 * (2nd ed., section 6.2: relative error below 1.2e-7 for every z >= 0). The same formula runs on
 * every backend, from exp, mul and add only.
 *
 * The derivative is not the fit's derivative but the exact density phi(x) = exp(-x^2/2) / sqrt(2 pi),
 * written with differentiable ops, so second derivatives are exact too.
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

/** phi(x) elementwise, differentiable (phi' = -x phi). */
export function normalPdf(x: Tensor): Tensor {
  return tf.tidy(() => tf.mul(tf.exp(tf.mul(tf.square(x), -0.5)), INVERSE_SQRT_2PI));
}

function erfcTail(z: Tensor): Tensor {
  const t = tf.div(1, tf.add(1, tf.mul(z, 0.5)));
  let polynomial: Tensor = tf.scalar(ERFC_COEFFICIENTS[ERFC_COEFFICIENTS.length - 1]!);
  for (let i = ERFC_COEFFICIENTS.length - 2; i >= 0; i--) {
    polynomial = tf.add(tf.mul(polynomial, t), ERFC_COEFFICIENTS[i]!);
  }
  return tf.mul(t, tf.exp(tf.sub(polynomial, tf.square(z))));
}

/** Phi(x) elementwise; its gradient is exactly phi(x). */
export const normalCdf: (x: Tensor) => Tensor = withGradient(
  (x) => {
    const tail = tf.mul(erfcTail(tf.mul(tf.abs(x), Math.SQRT1_2)), 0.5);
    return tf.where(tf.greaterEqual(x, 0), tf.sub(1, tail), tail);
  },
  (dy, [x]) => [tf.mul(dy, normalPdf(x!))],
);
