import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { clamp } from './clamp.js';
import { withGradient } from './custom-gradient.js';
import { constantGain, secondMomentGain } from './gain.js';
import { greaterMask, lessMask } from './masks.js';

const hardSigmoidWithGradient = withGradient(
  (x) => tf.div(clamp(tf.add(x, 3), 0, 6), 6),
  (dy, [x]) => [tf.div(tf.mul(dy, tf.mul(greaterMask(x!, -3), lessMask(x!, 3))), 6)],
);

/**
 * hardSigmoid(x) = relu6(x + 3) / 6, a piecewise-linear sigmoid, as PyTorch's `Hardsigmoid`,
 * Keras 3 and JAX.
 *
 * - Range [0, 1].
 * - Derivative 1/6 on the open interval (-3, 3) and 0 elsewhere (0 at -3 and at 3, as PyTorch's
 *   `hardsigmoid_backward`).
 * - Not the tfjs formula: tfjs's 'hardSigmoid' is Keras 2's clip(0.2 x + 0.5, 0, 1) (slope 0.2,
 *   kinks at +-2.5), so tfjs gives 0.3 at x = -1 where this gives 1/3.
 * - When to use it: a cheap gate in mobile networks (MobileNet v3 squeeze-excitation).
 */
export function hardSigmoid(x: Tensor): Tensor {
  return hardSigmoidWithGradient(x);
}

export const hardSigmoidActivation = defineActivation({
  description:
    'Piecewise-linear sigmoid relu6(x + 3) / 6 (as PyTorch; not tfjs/Keras 2 0.2x + 0.5)',
  options: {},
  metadata: {
    range: [0, 1],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'glorotNormal',
    // Second-moment gain 1 / sqrt(E[hardSigmoid(Z)^2]) (see gain.ts): 1.8978.
    gain: constantGain(() => secondMomentGain((z) => Math.min(Math.max(z + 3, 0), 6) / 6, [-3, 3])),
  },
  create: (_options, { name }) => new FunctionModule(name, hardSigmoid),
});
