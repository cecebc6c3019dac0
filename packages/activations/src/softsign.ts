import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { constantGain, secondMomentGain } from './gain.js';
import { signMask } from './masks.js';

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
  return tf.tidy(() => tf.div(x, tf.add(1, tf.mul(x, signMask(x)))));
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
