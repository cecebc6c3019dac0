import {
  type ApplyOptions,
  defineNormalization,
  type InputOptions,
  option,
  type ResolvedOptions,
  resolveOptions,
  type Tensor,
} from '@fanin/core';
import { BatchTooSmallError } from './errors.js';
import { moments, scaleByInverseStd } from './moments.js';
import { affineOptions } from './normalization.js';
import { newBatchWeight, runningStatisticsOptions } from './running-statistics.js';
import { RunningStatisticsNormalization } from './running-statistics-normalization.js';
import {
  expectBuiltShape,
  expectRankAtLeast,
  formatShape,
  sizeOver,
  spatialAxes,
} from './shapes.js';

/** The options of {@link InstanceNorm}, declared once (validation, defaults, CLI help, JSON Schema). */
export const instanceNormOptions = {
  epsilon: option.number({
    description: 'Added to the variance before the square root. 1e-5 as PyTorch',
    default: 1e-5,
    greaterThan: 0,
  }),
  ...affineOptions({ center: false, scale: false }),
  trackRunningStats: option.boolean({
    description:
      "Keep running mean and variance (averaged over the samples of each batch) and use them in inference, as PyTorch track_running_stats=True. Off by default: inference uses each sample's own statistics",
    default: false,
  }),
  ...runningStatisticsOptions,
} as const;

/** What `new InstanceNorm(options)` and the registry accept: every option may be left out. */
export type InstanceNormOptions = InputOptions<typeof instanceNormOptions>;

/**
 * Instance normalization (Ulyanov, Vedaldi and Lempitsky, 2016): every channel of every
 * sample is standardized over the spatial axes alone:
 *
 *   y = (x - mean_nc) / sqrt(var_nc + epsilon) * gamma + beta   (per sample n, per channel c)
 *
 * Inputs are channels-last with at least one spatial axis: [N, L, C], [N, H, W, C]. It removes
 * per-image contrast, which is what style transfer and image generation want. Defaults follow
 * PyTorch's `InstanceNorm2d`: no affine parameters (`center` and `scale` false) and no
 * running statistics (`trackRunningStats` false), so training and inference both use the
 * sample's own statistics. With `trackRunningStats`, training updates `runningMean` and
 * `runningVar` [C] with the batch average of the per-sample statistics (unbiased variance by
 * default) and inference and frozen modules use them, as PyTorch does. A single spatial
 * position is an error: its variance is 0 and every output would be beta.
 */
export class InstanceNorm extends RunningStatisticsNormalization {
  readonly type = 'instanceNorm';
  readonly options: ResolvedOptions<typeof instanceNormOptions>;
  /** Weight of the new batch in the running statistics (from `momentum` or `decay`). */
  readonly momentum: number;
  private expectedShape: number[] = [];

  constructor(options: InstanceNormOptions = {}) {
    super();
    const subject = 'normalization "instanceNorm"';
    this.options = resolveOptions(instanceNormOptions, options, subject);
    this.momentum = newBatchWeight(subject, this.options);
  }

  protected override build(inputShape: readonly number[]): void {
    expectRankAtLeast(
      'instanceNorm',
      inputShape,
      3,
      '[batch, length, channels] or [batch, height, width, channels]; for [batch, channels] use layerNorm or batchNorm',
    );
    const channels = inputShape[inputShape.length - 1]!;
    this.expectedShape = [...inputShape];
    this.buildAffine([channels], this.options);
    if (this.options.trackRunningStats) this.buildRunningStatistics(channels);
  }

  protected forward(x: Tensor, { training }: Required<ApplyOptions>): Tensor {
    const rank = x.rank;
    expectBuiltShape('instanceNorm', this.expectedShape, x.shape, [rank - 1]);
    const tracked = this.runningMean !== undefined && this.runningVar !== undefined;
    if (tracked && !(training && !this.frozen)) {
      return this.affine(this.normalizeWithRunningStatistics(x));
    }
    const axes = spatialAxes(rank);
    const count = sizeOver(x.shape, axes);
    if (count < 2) {
      throw new BatchTooSmallError(
        `instanceNorm: an input of shape ${formatShape(x.shape)} has 1 spatial position per channel, so its variance is 0 and every output would be beta`,
        'Use it on feature maps with more than one position, or use layerNorm or batchNorm for [batch, channels] data',
      );
    }
    const sample = moments(x, axes);
    if (tracked && training) this.trackMoments(sample, count);
    return this.affine(scaleByInverseStd(sample.centered, sample.variance, this.options.epsilon));
  }
}

/** Registry entry for {@link InstanceNorm}. */
export const instanceNorm = defineNormalization({
  description:
    'Instance normalization: standardize each channel of each sample over its spatial axes',
  options: instanceNormOptions,
  aliases: ['instanceNormalization'],
  metadata: {
    batchDependent: false,
    runningStatistics: 'optional',
    layouts: ['[N, L, C]', '[N, H, W, C]'],
  },
  create: (options) => new InstanceNorm(options),
});
