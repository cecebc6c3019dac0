import {
  defineNormalization,
  type InputOptions,
  option,
  type ResolvedOptions,
  resolveOptions,
  type Tensor,
} from '@fanin/core';
import { moments, scaleByInverseStd } from './moments.js';
import { affineOptions } from './normalization.js';
import { TrailingAxesNormalization } from './trailing-axes-normalization.js';

/** The options of {@link LayerNorm}, declared once (validation, defaults, CLI help, JSON Schema). */
export const layerNormOptions = {
  axes: option.integer({
    description:
      'How many trailing axes to normalize over: 1 normalizes each feature vector, 3 a whole [H, W, C] sample. As PyTorch normalized_shape = input.shape.slice(-axes); gamma and beta have that shape',
    default: 1,
    min: 1,
  }),
  epsilon: option.number({
    description:
      'Added to the variance before the square root. 1e-5 as PyTorch; Keras and tfjs use 1e-3',
    default: 1e-5,
    greaterThan: 0,
  }),
  ...affineOptions({ center: true, scale: true }),
} as const;

/** What `new LayerNorm(options)` and the registry accept: every option may be left out. */
export type LayerNormOptions = InputOptions<typeof layerNormOptions>;

/**
 * Layer normalization (Ba, Kiros and Hinton, 2016): every sample is standardized over its
 * last `axes` axes, with no batch statistics, so training and inference compute the same
 * thing and any batch size works:
 *
 *   y = (x - mean) / sqrt(var + epsilon) * gamma + beta   (mean, biased var over the last k axes)
 *
 * Its input gradient is batch norm's taken per sample: with g = dy * gamma,
 * dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + epsilon), means over the normalized
 * axes. gamma and beta have the shape of the normalized axes (elementwise, as PyTorch's
 * `LayerNorm(normalized_shape)` and Keras's `LayerNormalization(axis=[...])`). The default
 * (`axes: 1`) normalizes the feature axis of [N, C] and [N, T, C] inputs, the transformer
 * convention. Epsilon 1e-5 as PyTorch (Keras 1e-3, Flax 1e-6).
 */
export class LayerNorm extends TrailingAxesNormalization {
  readonly type = 'layerNorm';
  readonly options: ResolvedOptions<typeof layerNormOptions>;

  constructor(options: LayerNormOptions = {}) {
    super();
    this.options = resolveOptions(layerNormOptions, options, 'normalization "layerNorm"');
  }

  protected normalize(x: Tensor, axes: readonly number[]): Tensor {
    const { centered, variance } = moments(x, axes);
    return scaleByInverseStd(centered, variance, this.options.epsilon);
  }
}

/** Registry entry for {@link LayerNorm}. */
export const layerNorm = defineNormalization({
  description:
    'Layer normalization: standardize each sample over its last axes; no batch statistics',
  options: layerNormOptions,
  aliases: ['layerNormalization'],
  metadata: {
    batchDependent: false,
    runningStatistics: false,
    layouts: ['[N, ..., normalized axes]'],
  },
  create: (options) => new LayerNorm(options),
});
