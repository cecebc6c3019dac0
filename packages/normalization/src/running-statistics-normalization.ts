import { type Tensor, tf, type Variable } from '@fanin/core';
import { type Moments, scaleByInverseStd } from './moments.js';
import { Normalization } from './normalization.js';
import { updateRunningStatistics } from './running-statistics.js';
import { reshapeForBroadcast } from './shapes.js';

/** The options a {@link RunningStatisticsNormalization} reads. */
export interface RunningStatisticsSettings {
  readonly epsilon: number;
  readonly runningVariance: 'unbiased' | 'biased';
}

/**
 * The base of the normalizers that keep running statistics (batch norm, and instance norm
 * with `trackRunningStats`), as PyTorch's `_NormBase` is for its BatchNorm and InstanceNorm:
 * owns the non-trainable `runningMean` [C] (zeros) and `runningVar` [C] (ones), folds each
 * training batch's moments into them and normalizes with them in inference.
 */
export abstract class RunningStatisticsNormalization extends Normalization {
  abstract readonly options: RunningStatisticsSettings;
  /** Weight of the new batch in the running statistics (from `momentum` or `decay`). */
  abstract readonly momentum: number;
  runningMean: Variable | undefined;
  runningVar: Variable | undefined;

  /** Creates `runningMean` (zeros) and `runningVar` (ones) with one value per channel. */
  protected buildRunningStatistics(channels: number): void {
    this.runningMean = this.addState('runningMean', tf.zeros([channels]));
    this.runningVar = this.addState('runningVar', tf.ones([channels]));
  }

  /**
   * (x - runningMean) / sqrt(runningVar + epsilon), reshaping the statistics to
   * `broadcastShape` when given (channels-first inputs).
   */
  protected normalizeWithRunningStatistics(x: Tensor, broadcastShape?: readonly number[]): Tensor {
    return scaleByInverseStd(
      tf.sub(x, reshapeForBroadcast(this.runningMean!, broadcastShape)),
      reshapeForBroadcast(this.runningVar!, broadcastShape),
      this.options.epsilon,
    );
  }

  /**
   * Folds a training batch's moments, each computed from `count` values, into the running
   * statistics (outside the gradient tape; see {@link updateRunningStatistics}).
   */
  protected trackMoments({ mean, variance }: Moments, count: number): void {
    updateRunningStatistics({
      runningMean: this.runningMean!,
      runningVar: this.runningVar!,
      mean,
      variance,
      count,
      momentum: this.momentum,
      runningVariance: this.options.runningVariance,
    });
  }
}
