import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { clamp } from './clamp.js';
import { withGradient } from './custom-gradient.js';
import { constantGain, secondMomentGain } from './gain.js';
import { greaterMask, lessMask } from './masks.js';

const relu6WithGradient = withGradient(
  (x) => clamp(x, 0, 6),
  (dy, [x]) => [tf.mul(dy, tf.mul(greaterMask(x!, 0), lessMask(x!, 6)))],
);

/**
 * relu6(x) = min(max(x, 0), 6), PyTorch's `ReLU6` (= `Hardtanh(0, 6)`).
 *
 * - Range [0, 6].
 * - Derivative 1 on the open interval (0, 6) and 0 elsewhere: relu6'(0) = 0 and relu6'(6) = 0,
 *   as PyTorch and JAX. tfjs has three conventions depending on how relu6 is spelled
 *   (`tf.relu6` gives 1 at 6); this one is written down here and tested.
 * - When to use it: mobile networks (MobileNet v2) and low-precision inference, where a bounded
 *   range helps quantization; He initialization.
 */
export function relu6(x: Tensor): Tensor {
  return relu6WithGradient(x);
}

export const relu6Activation = defineActivation({
  description: 'relu clipped at 6: min(max(x, 0), 6); derivative 0 at 0 and at 6',
  options: {},
  metadata: {
    range: [0, 6],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: true,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[relu6(Z)^2]) (see gain.ts): sqrt 2 to 9 digits (the clip at
    // 6 sigma barely matters at unit variance).
    gain: constantGain(() => secondMomentGain((z) => Math.min(Math.max(z, 0), 6), [0, 6])),
  },
  create: (_options, { name }) => new FunctionModule(name, relu6),
});
