import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { constantGain, secondMomentGain } from './gain.js';
import { sigmoid } from './sigmoid.js';

/**
 * The sigmoid linear unit (Elfwing et al. 2017; "swish" in Ramachandran et al. 2017),
 * silu(x) = x * sigmoid(x).
 *
 * - Range [-0.2785, inf) (minimum at x = -1.2785).
 * - Derivative sigmoid(x) (1 + x (1 - sigmoid(x))). Smooth, not monotonic.
 * - Registered as `silu` with the alias `swish` (Keras and tfjs spell it swish; swish with a
 *   beta other than 1 is not provided).
 * - When to use it: deep convolutional networks (EfficientNet, YOLO) and MLPs as a smooth relu;
 *   He initialization.
 */
export function silu(x: Tensor): Tensor {
  return tf.tidy(() => tf.mul(x, sigmoid(x)));
}

export const siluActivation = defineActivation({
  description: 'Sigmoid linear unit x * sigmoid(x), also called swish',
  options: {},
  aliases: ['swish'],
  metadata: {
    range: [-0.2785, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: true,
    monotonic: false,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[silu(Z)^2]) (see gain.ts): 1.6765.
    gain: constantGain(() => secondMomentGain((z) => z / (1 + Math.exp(-z)))),
  },
  create: (_options, { name }) => new FunctionModule(name, silu),
});
