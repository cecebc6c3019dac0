import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { withGradient } from './custom-gradient.js';
import { constantGain, secondMomentGain } from './gain.js';
import { signMask } from './masks.js';

/** 1 / (1 + |x|), with |x| = x sign(x) and a zero-gradient sign. */
function reciprocalDenominator(x: Tensor): Tensor {
  return tf.reciprocal(tf.add(1, tf.mul(x, signMask(x))));
}

/**
 * x * (1 / (1 + |x|)) rather than x / (1 + |x|): the same value to float32 rounding, and NaN at
 * +-Infinity (Infinity * 0) on every backend, as PyTorch's; webgl's division returns 1 for
 * Infinity / Infinity. The derivative is written out, 1 / (1 + |x|)^2, which keeps its digits
 * where autograd of the quotient cancels (1 / b - x / b^2), plus x * 0, which is 0 for finite x
 * and NaN at +-Infinity, where PyTorch's derivative is NaN too.
 */
const softsignWithGradient = withGradient(
  (x) => tf.mul(x, reciprocalDenominator(x)),
  (dy, [x]) => [tf.mul(dy, tf.add(tf.square(reciprocalDenominator(x!)), tf.mul(x!, 0)))],
);

/**
 * Softsign, softsign(x) = x / (1 + |x|).
 *
 * - Range (-1, 1), zero-centered, odd.
 * - Derivative 1 / (1 + |x|)^2: it decays polynomially, not exponentially like tanh's, so
 *   saturation is gentler. |x| is x * sign(x) with a zero-gradient sign, so |x|'(0) = 0 as in
 *   PyTorch (tfjs's abs has derivative -1 at 0) and the second derivative at 0 is 0.
 * - When to use it: a cheaper, softer-saturating tanh; Glorot initialization.
 */
export function softsign(x: Tensor): Tensor {
  return softsignWithGradient(x);
}

export const softsignActivation = defineActivation({
  description: 'Softsign x / (1 + |x|), range (-1, 1)',
  options: {},
  metadata: {
    range: [-1, 1],
    zeroCentered: true,
    saturating: true,
    smooth: true,
    monotonic: true,
    recommendedInitializer: 'glorotNormal',
    // Second-moment gain 1 / sqrt(E[softsign(Z)^2]) (see gain.ts): 2.3375.
    gain: constantGain(() => secondMomentGain((z) => z / (1 + Math.abs(z)), [0])),
  },
  create: (_options, { name }) => new FunctionModule(name, softsign),
});
