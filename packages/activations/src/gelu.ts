import { defineActivation, FunctionModule, option, type Tensor, tf } from '@fanin/core';
import { checkOptions } from './check-options.js';
import { differentiableClamp } from './clamp.js';
import { constantGain, secondMomentGain } from './gain.js';
import { normalCdf, normalCdfScalar } from './normal-cdf.js';
import { sigmoid } from './sigmoid.js';

export const geluOptions = {
  approximate: option.enum(['none', 'tanh'] as const, {
    description:
      "'none': the exact x * Phi(x) (PyTorch's and keras.activations' default); 'tanh': the tanh approximation of Hendrycks & Gimpel (JAX's and keras.ops' default)",
    default: 'none',
  }),
} as const;

/** The approximation used by GELU's 'tanh' form. */
const TANH_SCALE = Math.sqrt(2 / Math.PI);
const TANH_CUBIC = 0.044715;
/**
 * The tanh form's polynomial is evaluated at x clamped to [-100, 100]: beyond, sigmoid(2u) is
 * exactly 0 or 1 in float32 either way (|2u| > 1e5), and x^3 and the slope of u stay finite, so
 * the derivative at x = +-1e30 is 1 and 0 (float64 PyTorch; float32 PyTorch and an unclamped
 * x^3 overflow to 0 * Infinity = NaN).
 */
const TANH_BOUND = 100;

/**
 * The Gaussian error linear unit (Hendrycks & Gimpel 2016), gelu(x) = x * Phi(x), where Phi is
 * the standard normal distribution function: 0.5 x (1 + erf(x / sqrt 2)).
 *
 * - Range [-0.17, inf) (minimum -0.1700 at x = -0.7518).
 * - Derivative Phi(x) + x phi(x); second derivative phi(x) (2 - x^2). Smooth, not monotonic.
 * - approximate: 'tanh' gives 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), PyTorch's
 *   `approximate='tanh'`, computed as x * sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3)) (the same
 *   function; 1 + tanh(u) cancels for negative u, sigmoid(2u) does not). The two forms differ by
 *   at most 4.7e-4. Mind the defaults when porting: PyTorch and keras.activations.gelu use the
 *   exact form, JAX's gelu and keras.ops.gelu the tanh one.
 * - Phi is computed from erfc, not 1 + erf (see normal-cdf.ts), so negative inputs keep their
 *   digits (PyTorch's float32 gelu(-5) is 4% off; this one is within 1e-6).
 * - When to use it: transformers (BERT, GPT) and modern MLPs; He initialization.
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  checkOptions('gelu', geluOptions, { approximate });
  return tf.tidy(() => {
    if (approximate === 'none') return tf.mul(x, normalCdf(x));
    const bounded = differentiableClamp(x, -TANH_BOUND, TANH_BOUND);
    const cubic = tf.mul(tf.mul(tf.square(bounded), bounded), TANH_CUBIC);
    const inner = tf.mul(tf.add(bounded, cubic), 2 * TANH_SCALE);
    return tf.mul(x, sigmoid(inner));
  });
}

export const geluActivation = defineActivation({
  description: "Gaussian error linear unit x * Phi(x); approximate: 'none' (exact) or 'tanh'",
  options: geluOptions,
  metadata: {
    range: [-0.17, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: false,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[gelu(Z)^2]) (see gain.ts): 1.5335 (both forms to 4 digits).
    gain: (options) => (options.approximate === 'tanh' ? tanhGain() : exactGain()),
  },
  create: (options, { name }) => new FunctionModule(name, (x) => gelu(x, options.approximate)),
});

const exactGain = constantGain(() => secondMomentGain((z) => z * normalCdfScalar(z)));
const tanhGain = constantGain(() =>
  secondMomentGain((z) => 0.5 * z * (1 + Math.tanh(TANH_SCALE * (z + TANH_CUBIC * z ** 3)))),
);
