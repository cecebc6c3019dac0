import { defineActivation, FunctionModule, type Tensor } from '@fanin/core';
import { eluFamily } from './elu.js';

/** SELU's alpha (Klambauer et al. 2017), as PyTorch and Keras. */
export const SELU_ALPHA = 1.6732632423543772; // 1.6732632423543772848170429916717
/** SELU's scale lambda (Klambauer et al. 2017), as PyTorch and Keras. */
export const SELU_SCALE = 1.0507009873554805; // 1.0507009873554804934193349852946

// PyTorch multiplies the two constants in float32; so does this (to the same float32 number).
const ALPHA_TIMES_SCALE = Math.fround(Math.fround(SELU_ALPHA) * Math.fround(SELU_SCALE));

/**
 * The scaled exponential linear unit (Klambauer et al. 2017, "Self-Normalizing Neural Networks"),
 * selu(x) = lambda * x for x > 0, lambda * alpha * (exp(x) - 1) for x <= 0,
 * with alpha = 1.6733 and lambda = 1.0507.
 *
 * - Range (-lambda alpha, inf) = (-1.7581, inf).
 * - Derivative lambda for x > 0, lambda alpha exp(x) for x <= 0 (lambda alpha at 0, as PyTorch).
 * - The constants make N(0, 1) a fixed point: with LeCun-normal weights (variance 1 / fanIn)
 *   activations keep mean 0 and variance 1 through many layers without normalization layers.
 *   Pair it with `lecunNormal` and (for dropout) alpha dropout.
 * - Gain 3/4 is PyTorch's calculate_gain('selu'), an empirical value; the self-normalizing
 *   derivation itself wants gain 1, which is what `lecunNormal` uses.
 */
export function selu(x: Tensor): Tensor {
  return eluFamily(x, SELU_SCALE, ALPHA_TIMES_SCALE);
}

export const seluActivation = defineActivation({
  description: 'Scaled elu with the self-normalizing constants (pair with lecunNormal)',
  options: {},
  metadata: {
    range: [-SELU_ALPHA * SELU_SCALE, Number.POSITIVE_INFINITY],
    zeroCentered: true,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'lecunNormal',
    // PyTorch's calculate_gain('selu').
    gain: () => 3 / 4,
  },
  create: (_options, { name }) => new FunctionModule(name, selu),
});
