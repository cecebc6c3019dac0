import {
  defineNormalization,
  type InputOptions,
  option,
  type ResolvedOptions,
  resolveOptions,
  ShapeError,
  type Tensor,
  tf,
} from '@fanin/core';
import { moments, scaleByInverseStd } from './moments.js';
import { affineOptions, Normalization } from './normalization.js';
import { expectBuiltShape, expectRankAtLeast, formatShape, spatialAxes } from './shapes.js';

/** The options of {@link GroupNorm}, declared once (validation, defaults, CLI help, JSON Schema). */
export const groupNormOptions = {
  groups: option.integer({
    description:
      'Number of channel groups; must divide the channel count. 1 normalizes each sample over all channels (layer norm over H, W, C); as many groups as channels is instance norm. Default 32 as Keras, Flax and the paper',
    default: 32,
    min: 1,
  }),
  epsilon: option.number({
    description:
      'Added to the variance before the square root. 1e-5 as PyTorch; Keras uses 1e-3, Flax 1e-6',
    default: 1e-5,
    greaterThan: 0,
  }),
  ...affineOptions({ center: true, scale: true }),
} as const;

/** What `new GroupNorm(options)` and the registry accept: every option may be left out. */
export type GroupNormOptions = InputOptions<typeof groupNormOptions>;

/**
 * Group normalization (Wu and He, 2018): the channels of each sample are split into `groups`
 * contiguous groups, and each group is standardized over its channels and the spatial axes:
 *
 *   y = (x - mean_g) / sqrt(var_g + epsilon) * gamma + beta   (per sample, per group)
 *
 * Inputs are channels-last: [N, C], [N, L, C], [N, H, W, C]; group g holds channels
 * g * C/G ... (g + 1) * C/G - 1, as PyTorch's `GroupNorm` on the channels-first tensor.
 * gamma and beta are per channel [C]. No batch statistics: works with any batch size and
 * behaves the same in training and inference, which is why detection and segmentation
 * networks trained with 1-2 images per device use it.
 */
export class GroupNorm extends Normalization {
  readonly type = 'groupNorm';
  readonly options: ResolvedOptions<typeof groupNormOptions>;
  private expectedShape: number[] = [];

  constructor(options: GroupNormOptions = {}) {
    super();
    this.options = resolveOptions(groupNormOptions, options, 'normalization "groupNorm"');
  }

  protected override build(inputShape: readonly number[]): void {
    expectRankAtLeast('groupNorm', inputShape, 2, '[batch, channels] or [batch, ..., channels]');
    const channels = inputShape[inputShape.length - 1]!;
    const { groups } = this.options;
    if (!(channels > 0) || channels % groups !== 0) {
      const divisors = Array.from({ length: channels }, (_, i) => i + 1).filter(
        (d) => channels % d === 0,
      );
      throw new ShapeError(
        `groupNorm: ${groups} groups do not divide the ${channels} channels of an input of shape ${formatShape(inputShape)}`,
        `Choose groups among ${divisors.join(', ')}`,
      );
    }
    this.expectedShape = [...inputShape];
    this.buildAffine([channels], this.options);
  }

  protected forward(x: Tensor): Tensor {
    const rank = x.rank;
    expectBuiltShape('groupNorm', this.expectedShape, x.shape, [rank - 1]);
    const channels = x.shape[rank - 1]!;
    const { groups } = this.options;
    // [N, ...spatial, C] -> [N, ...spatial, G, C/G]; reduce over spatial axes and C/G.
    const grouped = tf.reshape(x, [...x.shape.slice(0, -1), groups, channels / groups]);
    const axes = [...spatialAxes(rank), rank];
    const { centered, variance } = moments(grouped, axes);
    const normalized = tf.reshape(
      scaleByInverseStd(centered, variance, this.options.epsilon),
      x.shape,
    );
    return this.affine(normalized);
  }
}

/** Registry entry for {@link GroupNorm}. */
export const groupNorm = defineNormalization({
  description:
    'Group normalization: standardize each sample over groups of channels and the spatial axes',
  options: groupNormOptions,
  aliases: ['groupNormalization'],
  metadata: { batchDependent: false, runningStatistics: false, layouts: ['[N, C]', '[N, ..., C]'] },
  create: (options) => new GroupNorm(options),
});
