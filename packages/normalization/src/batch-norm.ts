import {
  type ApplyOptions,
  defineNormalization,
  type InputOptions,
  option,
  type ResolvedOptions,
  resolveOptions,
  ShapeError,
  type Tensor,
} from '@fanin/core';
import { BatchTooSmallError } from './errors.js';
import { moments, scaleByInverseStd } from './moments.js';
import { affineOptions } from './normalization.js';
import { newBatchWeight, runningStatisticsOptions } from './running-statistics.js';
import { RunningStatisticsNormalization } from './running-statistics-normalization.js';
import { expectBuiltShape, expectRankAtLeast, formatShape, otherAxes, sizeOver } from './shapes.js';

/** The options of {@link BatchNorm}, declared once (validation, defaults, CLI help, JSON Schema). */
export const batchNormOptions = {
  axis: option.integer({
    description:
      'The channel axis, kept (one gamma, beta and running statistic per channel); every other axis is reduced. -1 for channels-last inputs, 1 for channels-first',
    default: -1,
  }),
  ...runningStatisticsOptions,
  epsilon: option.number({
    description:
      'Added to the variance before the square root. 1e-5 as PyTorch; Keras and tfjs use 1e-3',
    default: 1e-5,
    greaterThan: 0,
  }),
  ...affineOptions({ center: true, scale: true }),
} as const;

/** What `new BatchNorm(options)` and the registry accept: every option may be left out. */
export type BatchNormOptions = InputOptions<typeof batchNormOptions>;

/**
 * Batch normalization (Ioffe and Szegedy, 2015): every channel is standardized with the mean
 * and variance over the batch (and the spatial axes of a convolution), then scaled and shifted:
 *
 *   y = (x - mean) / sqrt(var + epsilon) * gamma + beta
 *
 * Inputs are [N, C] (dense) or [N, ..., C] (channels-last conv); `axis: 1` takes channels-first
 * [N, C, ...] as PyTorch does. Parameters: `gamma` [C], `beta` [C]; state: `runningMean` [C]
 * (zeros), `runningVar` [C] (ones).
 *
 * - Training (`apply(x, { training: true })`): normalizes with the batch mean and biased batch
 *   variance, differentiating through both, so with xhat the normalized input and g = dy * gamma,
 *   dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + epsilon), dgamma = sum(dy * xhat),
 *   dbeta = sum(dy) (means and sums per channel, as PyTorch's backward); it also updates
 *   running = (1 - momentum) * running + momentum * batch outside the gradient tape. The
 *   stored variance is unbiased (n / (n - 1)) unless `runningVariance: 'biased'`.
 * - Inference (the default): normalizes with the running statistics.
 * - Frozen (`freeze()`): uses and keeps the running statistics even in training, as Keras 3
 *   and PyTorch's `eval()` do (tfjs keeps using batch statistics) and gamma and beta stop
 *   training. Use it to fine-tune a pretrained network with small batches.
 * - A training batch with one value per channel (batch size 1 on a dense input) is an error:
 *   its variance is 0 and every output would be beta. PyTorch raises the same; a conv input of
 *   batch size 1 has H * W values per channel and is accepted, as in PyTorch.
 *
 * Momentum conventions: `momentum` is the weight of the new batch (PyTorch, default 0.1);
 * `decay` is the weight of the old statistics (what Keras calls momentum, 0.99). Give one.
 * Use it after a dense or conv layer and before the nonlinearity; for batches below about 8
 * or per-sample inference, prefer {@link LayerNorm} or {@link GroupNorm}.
 */
export class BatchNorm extends RunningStatisticsNormalization {
  readonly type = 'batchNorm';
  readonly options: ResolvedOptions<typeof batchNormOptions>;
  /** Weight of the new batch in the running statistics (from `momentum` or `decay`). */
  readonly momentum: number;
  private expectedShape: number[] = [];
  private channelAxis = -1;
  private reduceAxes: number[] = [];
  private broadcastShape: number[] | undefined;

  constructor(options: BatchNormOptions = {}) {
    super();
    const subject = 'normalization "batchNorm"';
    this.options = resolveOptions(batchNormOptions, options, subject);
    this.momentum = newBatchWeight(subject, this.options);
  }

  protected override build(inputShape: readonly number[]): void {
    expectRankAtLeast('batchNorm', inputShape, 2, '[batch, channels] or [batch, ..., channels]');
    const rank = inputShape.length;
    const { axis } = this.options;
    if (axis < -rank || axis >= rank) {
      throw new ShapeError(
        `batchNorm: axis ${axis} is out of range for an input of shape ${formatShape(inputShape)}`,
        'Use -1 for channels-last or 1 for channels-first inputs',
      );
    }
    this.channelAxis = axis < 0 ? rank + axis : axis;
    if (this.channelAxis === 0) {
      throw new ShapeError(
        `batchNorm: axis ${axis} is the batch axis of an input of shape ${formatShape(inputShape)}`,
        'Use the channel axis: -1 for channels-last or 1 for channels-first inputs',
      );
    }
    const channels = inputShape[this.channelAxis]!;
    if (!(channels > 0)) {
      throw new ShapeError(
        `batchNorm: the channel axis ${this.channelAxis} of ${formatShape(inputShape)} must have a known size`,
      );
    }
    this.expectedShape = [...inputShape];
    this.reduceAxes = otherAxes(rank, [this.channelAxis]);
    this.broadcastShape =
      this.channelAxis === rank - 1
        ? undefined
        : inputShape.map((_, i) => (i === this.channelAxis ? channels : 1));
    this.buildAffine([channels], this.options);
    this.buildRunningStatistics(channels);
  }

  protected forward(x: Tensor, { training }: Required<ApplyOptions>): Tensor {
    expectBuiltShape('batchNorm', this.expectedShape, x.shape, [this.channelAxis]);
    if (training && !this.frozen)
      return this.affine(this.normalizeWithBatch(x), this.broadcastShape);
    const normalized = this.normalizeWithRunningStatistics(x, this.broadcastShape);
    return this.affine(normalized, this.broadcastShape);
  }

  private normalizeWithBatch(x: Tensor): Tensor {
    const count = sizeOver(x.shape, this.reduceAxes);
    if (count < 2) {
      throw new BatchTooSmallError(
        `batchNorm: a training batch of shape ${formatShape(x.shape)} has 1 value per channel, so its variance is 0 and every output would be beta`,
        'Train with batches of 2 or more (16+ for stable statistics), or use layerNorm or groupNorm, which do not depend on the batch',
      );
    }
    const batch = moments(x, this.reduceAxes);
    this.trackMoments(batch, count);
    return scaleByInverseStd(batch.centered, batch.variance, this.options.epsilon);
  }
}

/** Registry entry for {@link BatchNorm}. */
export const batchNorm = defineNormalization({
  description:
    'Batch normalization: standardize each channel over the batch, keep running statistics for inference',
  options: batchNormOptions,
  aliases: ['batchNormalization'],
  metadata: {
    batchDependent: true,
    runningStatistics: true,
    layouts: ['[N, C]', '[N, ..., C]', '[N, C, ...] with axis 1'],
  },
  create: (options) => new BatchNorm(options),
});
