import { defineActivation, FunctionModule, type Tensor, tf } from '@fanin/core';
import { clamp, differentiableClamp } from './clamp.js';
import { withGradient } from './custom-gradient.js';
import { constantGain, secondMomentGain } from './gain.js';
import { greaterMask, lessMask, signMask } from './masks.js';

/**
 * The derivative of hardSwish with PyTorch's conventions, written with differentiable ops:
 * 0 for x < -3, x / 3 + 1/2 on the closed interval [-3, 3], 1 for x > 3. Its own derivative
 * (hardSwish's second derivative) is 1/3 on the open interval (-3, 3) only: at +-3 the middle
 * piece's value is taken from a constant, 3 sign(x), which has no slope. At x = +-Infinity it is
 * 1 and 0, as PyTorch's; at NaN it is NaN.
 */
function hardSwishDerivative(x: Tensor): Tensor {
  const inside = tf.mul(greaterMask(x, -3), lessMask(x, 3)); // -3 < x < 3
  const middle = tf.sub(1, tf.add(lessMask(x, -3), greaterMask(x, 3))); // -3 <= x <= 3
  const edge = tf.sub(middle, inside); // x == -3 or x == 3
  // x clamped to [-3, 3] before the mask, so x = +-Infinity gives 0 there, not Infinity * 0
  const middleX = tf.add(
    tf.mul(differentiableClamp(x, -3, 3), inside),
    tf.mul(tf.mul(signMask(x), 3), edge),
  );
  return tf.add(tf.mul(tf.add(tf.div(middleX, 3), 0.5), middle), greaterMask(x, 3));
}

const hardSwishWithGradient = withGradient(
  // (x * relu6(x + 3)) / 6, in PyTorch's order of operations
  (x) => tf.div(tf.mul(x, clamp(tf.add(x, 3), 0, 6)), 6),
  (dy, [x]) => [tf.mul(dy, hardSwishDerivative(x!))],
);

/**
 * hardSwish(x) = x * relu6(x + 3) / 6 (Howard et al. 2019, MobileNet v3), as PyTorch's
 * `Hardswish` and Keras 3's `hard_swish` / `hard_silu` (registered alias `hardSilu`).
 *
 * - Range [-0.375, inf) (minimum at x = -1.5).
 * - Derivative 0 for x < -3, (2x + 3) / 6 on [-3, 3], 1 for x > 3. At the kinks PyTorch takes
 *   the middle piece on the closed interval: hardSwish'(-3) = -0.5 and hardSwish'(3) = 1.5
 *   (neither one-sided limit alone); the same here. Second derivative 1/3 on (-3, 3), 0 elsewhere.
 * - tfjs has no hard swish.
 * - When to use it: a cheap silu for mobile networks; He initialization.
 */
export function hardSwish(x: Tensor): Tensor {
  return hardSwishWithGradient(x);
}

export const hardSwishActivation = defineActivation({
  description: 'Piecewise silu x * relu6(x + 3) / 6 (MobileNet v3), as PyTorch',
  options: {},
  aliases: ['hardSilu'],
  metadata: {
    range: [-0.375, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: true,
    smooth: false,
    monotonic: false,
    recommendedInitializer: 'heNormal',
    // Second-moment gain 1 / sqrt(E[hardSwish(Z)^2]) (see gain.ts): 1.7367.
    gain: constantGain(() =>
      secondMomentGain((z) => (z * Math.min(Math.max(z + 3, 0), 6)) / 6, [-3, 3]),
    ),
  },
  create: (_options, { name }) => new FunctionModule(name, hardSwish),
});
