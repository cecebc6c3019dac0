import {
  defineNormalization,
  type InputOptions,
  option,
  type ResolvedOptions,
  resolveOptions,
  type Tensor,
  tf,
} from '@fanin/core';
import { affineOptions } from './normalization.js';
import { TrailingAxesNormalization } from './trailing-axes-normalization.js';

/** The options of {@link RmsNorm}, declared once (validation, defaults, CLI help, JSON Schema). */
export const rmsNormOptions = {
  axes: option.integer({
    description:
      'How many trailing axes to normalize over, as in layerNorm (PyTorch normalized_shape = input.shape.slice(-axes)); gamma has that shape',
    default: 1,
    min: 1,
  }),
  epsilon: option.number({
    description:
      'Added to the mean square before the square root. 1e-6 as T5, LLaMA 1, Keras and Flax; PyTorch RMSNorm defaults to float32 machine epsilon (1.19e-7)',
    default: 1e-6,
    greaterThan: 0,
  }),
  ...affineOptions({ center: false, scale: true }),
} as const;

/** What `new RmsNorm(options)` and the registry accept: every option may be left out. */
export type RmsNormOptions = InputOptions<typeof rmsNormOptions>;

/**
 * Root-mean-square normalization (Zhang and Sennrich, 2019): layer norm without the mean
 * subtraction, so only the scale of each sample is normalized:
 *
 *   y = x / sqrt(mean(x^2) + epsilon) * gamma   (mean over the last `axes` axes)
 *
 * With r = sqrt(mean(x^2) + epsilon) and g = dy * gamma: dx = g / r - x * mean(g * x) / r^3.
 * Cheaper than layer norm and, in transformers (T5, LLaMA), as good. gamma has the shape of
 * the normalized axes. By default it has a gain and no shift, as PyTorch's `RMSNorm` and
 * Keras's `RMSNormalization`; `center: true` adds a beta. Epsilon 1e-6 follows T5 and LLaMA 1
 * (also the Keras and Flax default); PyTorch's `RMSNorm(eps=None)` uses the dtype's machine
 * epsilon, 1.19e-7 for float32: pass `epsilon` to match a checkpoint exactly.
 */
export class RmsNorm extends TrailingAxesNormalization {
  readonly type = 'rmsNorm';
  readonly options: ResolvedOptions<typeof rmsNormOptions>;

  constructor(options: RmsNormOptions = {}) {
    super();
    this.options = resolveOptions(rmsNormOptions, options, 'normalization "rmsNorm"');
  }

  protected normalize(x: Tensor, axes: readonly number[]): Tensor {
    const meanSquare = tf.mean(tf.square(x), [...axes], true);
    return tf.mul(x, tf.rsqrt(tf.add(meanSquare, this.options.epsilon)));
  }
}

/** Registry entry for {@link RmsNorm}. */
export const rmsNorm = defineNormalization({
  description:
    'RMS normalization: divide each sample by the root mean square of its last axes; no mean subtraction',
  options: rmsNormOptions,
  aliases: ['rmsNormalization'],
  metadata: {
    batchDependent: false,
    runningStatistics: false,
    layouts: ['[N, ..., normalized axes]'],
  },
  create: (options) => new RmsNorm(options),
});
