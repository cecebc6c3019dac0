import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { constantGain, secondMomentGain } from './gain.js';
import { stableSoftplus } from './softplus.js';
import { tanh } from './tanh.js';

/**
 * Mish (Misra 2019), mish(x) = x * tanh(softplus(x)).
 *
 * - Range [-0.3088, inf) (minimum at x = -1.1924).
 * - Derivative tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2), sp = softplus(x). Smooth, not monotonic.
 * - softplus is the overflow-free form, so mish(1e4) = 1e4 and mish(-1e4) = 0, and the second
 *   derivative stays finite at large x (PyTorch 1.13's float32 double backward gives NaN at 100).
 * - When to use it: a smooth relu alternative (YOLOv4); He initialization.
 */
export function mish(x: Tensor): Tensor {
  return tf.tidy(() => tf.mul(x, tanh(stableSoftplus(x))));
}

export const mishActivation = defineActivation({
  description: 'Mish x * tanh(softplus(x))',
  options: {},
  metadata: {
    range: [-0.3088, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: false,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[mish(Z)^2]) (see gain.ts): 1.4868.
    gain: constantGain(() => secondMomentGain((z) => z * Math.tanh(Math.log1p(Math.exp(z))))),
  },
  create: (_options, { name }) => new FunctionModule(name, mish),
});
