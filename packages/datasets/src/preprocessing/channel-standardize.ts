import { FaninError, ShapeError, tf } from '@fanin/core';
import {
  checkState,
  FeatureTransform,
  type FeatureTransformState,
  vector,
} from './preprocessor.js';

/** The fitted state of {@link ChannelStandardize}. */
export interface ChannelStandardizeState extends FeatureTransformState {
  readonly type: 'channelStandardize';
  readonly epsilon: number;
  /** Channels of each example (the last axis of `[height, width, channels]`). */
  readonly channels: number;
  /** Training mean of each channel, over every example and pixel. */
  readonly mean: readonly number[];
  /** Training variance of each channel (population variance, divided by N x pixels). */
  readonly variance: readonly number[];
}

function channelsOption(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new FaninError(
      'INVALID_OPTION',
      `channelStandardize: option "channels" must be a whole number >= 1, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Per-channel standardization of images, as torchvision's `Normalize(mean, std)` with the
 * training split's statistics: x' = (x - mean_c) / sqrt(variance_c + epsilon), one mean and
 * one population variance per channel c over every training example and pixel, so each
 * channel of the training images comes out with mean 0 and std 1 while the pixels keep their
 * relative contrast (unlike {@link Standardize}, which rescales every pixel position on its
 * own and blows up the near-constant border of MNIST).
 *
 * It works on flat rows `[N, height * width * channels]`, channels last (NHWC): feature j
 * belongs to channel `j % channels`. So it is fitted, applied and serialized like the other
 * transforms, before `asImages` turns the rows into `[N, height, width, channels]`.
 * `channels` defaults to 1 (grey images such as MNIST, exampleShape `[28, 28]`); pass
 * `imageShape(train.exampleShape)[2]` for any dataset.
 *
 * ```ts
 * const { train, validation } = preprocessSplits(raw, new ChannelStandardize({ channels: 1 }));
 * ```
 */
export class ChannelStandardize extends FeatureTransform<ChannelStandardizeState> {
  readonly type = 'channelStandardize';
  readonly channels: number;
  readonly epsilon: number;

  constructor(options: { readonly channels?: number; readonly epsilon?: number } = {}) {
    super();
    this.channels = channelsOption(options.channels ?? 1);
    const epsilon = options.epsilon ?? 1e-8;
    if (!(epsilon >= 0 && Number.isFinite(epsilon))) {
      throw new FaninError(
        'INVALID_OPTION',
        `channelStandardize: option "epsilon" must be a number >= 0, got ${String(epsilon)}`,
      );
    }
    this.epsilon = epsilon;
  }

  /** Restores a fitted ChannelStandardize from its JSON state. */
  static fromJSON(state: ChannelStandardizeState): ChannelStandardize {
    const channels = (state as { channels?: unknown } | null)?.channels;
    if (
      state?.type === 'channelStandardize' &&
      !(Number.isInteger(channels) && (channels as number) >= 1)
    ) {
      throw new FaninError(
        'INVALID_STATE',
        `channelStandardize: state field "channels" must be a whole number >= 1, got ${String(channels)}`,
      );
    }
    checkState<ChannelStandardizeState>(state, 'channelStandardize', (s) => ({
      mean: s.channels,
      variance: s.channels,
    }));
    if (state.features % state.channels !== 0) {
      throw new FaninError(
        'INVALID_STATE',
        `channelStandardize: state has ${state.features} features, not a whole number of pixels of ${state.channels} channels`,
      );
    }
    const transform = new ChannelStandardize({
      channels: state.channels,
      epsilon: state.epsilon,
    });
    transform.restore({
      type: 'channelStandardize',
      epsilon: state.epsilon,
      channels: state.channels,
      features: state.features,
      mean: [...state.mean],
      variance: [...state.variance],
    });
    return transform;
  }

  protected computeState(
    values: ArrayLike<number>,
    rows: number,
    columns: number,
  ): ChannelStandardizeState {
    const { channels } = this;
    if (columns % channels !== 0) {
      throw new ShapeError(
        `channelStandardize.fit: ${columns} features are not a whole number of pixels of ${channels} channels`,
        'Pass the channels of the images: new ChannelStandardize({ channels: imageShape(train.exampleShape)[2] })',
      );
    }
    // Two passes in float64: the means, then the centered sums of squares.
    const count = (rows * columns) / channels;
    const mean = new Float64Array(channels);
    for (let i = 0; i < values.length; i++) {
      const c = i % channels;
      mean[c] = mean[c]! + values[i]!;
    }
    for (let c = 0; c < channels; c++) mean[c] = mean[c]! / count;
    const variance = new Float64Array(channels);
    for (let i = 0; i < values.length; i++) {
      const c = i % channels;
      const centered = values[i]! - mean[c]!;
      variance[c] = variance[c]! + centered * centered;
    }
    for (let c = 0; c < channels; c++) variance[c] = variance[c]! / count;
    return {
      type: 'channelStandardize',
      epsilon: this.epsilon,
      channels,
      features: columns,
      mean: Array.from(mean),
      variance: Array.from(variance),
    };
  }

  /** sqrt(variance + epsilon) per channel, in float64; 1 where that is 0 (epsilon 0, constant channel). */
  private deviations(): number[] {
    return this.state.variance.map((variance) => Math.sqrt(variance + this.epsilon) || 1);
  }

  /** A per-channel value repeated for every feature of a row (feature j is channel j % channels). */
  private perFeature(perChannel: readonly number[]): tf.Tensor1D {
    const { features, channels } = this.state;
    return vector(Float64Array.from({ length: features }, (_, j) => perChannel[j % channels]!));
  }

  protected apply(x: tf.Tensor2D): tf.Tensor2D {
    const scales = this.deviations().map((deviation) => 1 / deviation);
    return tf.mul(tf.sub(x, this.perFeature(this.state.mean)), this.perFeature(scales));
  }

  protected applyInverse(z: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.mul(z, this.perFeature(this.deviations())), this.perFeature(this.state.mean));
  }
}
