import { FaninError, tf } from '@fanin/core';
import { columnMeans, columnVariances } from '../linalg/moments.js';
import {
  checkState,
  FeatureTransform,
  type FeatureTransformState,
  vector,
} from './preprocessor.js';

/** The fitted state of {@link Standardize}. */
export interface StandardizeState extends FeatureTransformState {
  readonly type: 'standardize';
  readonly epsilon: number;
  /** Training mean of each feature. */
  readonly mean: readonly number[];
  /** Training variance of each feature (population variance, divided by N). */
  readonly variance: readonly number[];
}

/**
 * Per-feature standardization (z-scores): x' = (x - mean) / sqrt(variance + epsilon), with
 * the training split's mean and population variance (divided by N, like numpy's `std` and
 * sklearn's `StandardScaler`), so the training features come out with mean 0 and std 1.
 * Use it when features have different units or scales (tabular data); for images,
 * {@link ZeroCenter} is usually enough.
 *
 * `epsilon` (default 1e-8) keeps constant features finite: they map to 0 instead of 0/0
 * (MNIST's border pixels are always 0). Like BatchNorm's epsilon it sits inside the square
 * root; it shrinks a feature's std by under 1% when the variance exceeds 1e-6. With
 * epsilon 0, constant features are only centered (scale 1, as sklearn does).
 */
export class Standardize extends FeatureTransform<StandardizeState> {
  readonly type = 'standardize';
  readonly epsilon: number;

  constructor(options: { readonly epsilon?: number } = {}) {
    super();
    const epsilon = options.epsilon ?? 1e-8;
    if (!(epsilon >= 0 && Number.isFinite(epsilon))) {
      throw new FaninError(
        'INVALID_OPTION',
        `standardize: option "epsilon" must be a number >= 0, got ${String(epsilon)}`,
      );
    }
    this.epsilon = epsilon;
  }

  /** Restores a fitted Standardize from its JSON state. */
  static fromJSON(state: StandardizeState): Standardize {
    checkState<StandardizeState>(state, 'standardize', (s) => ({
      mean: s.features,
      variance: s.features,
    }));
    const transform = new Standardize({ epsilon: state.epsilon });
    transform.restore({
      type: 'standardize',
      epsilon: state.epsilon,
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
  ): StandardizeState {
    const mean = columnMeans(values, rows, columns);
    const variance = columnVariances(values, rows, columns, mean, 0);
    return {
      type: 'standardize',
      epsilon: this.epsilon,
      features: columns,
      mean: Array.from(mean),
      variance: Array.from(variance),
    };
  }

  /** sqrt(variance + epsilon) per feature, in float64; 1 where that is 0 (epsilon 0, constant feature). */
  private deviations(): number[] {
    return this.state.variance.map((variance) => Math.sqrt(variance + this.epsilon) || 1);
  }

  protected apply(x: tf.Tensor2D): tf.Tensor2D {
    const scales = Float32Array.from(this.deviations(), (deviation) => 1 / deviation);
    return tf.mul(tf.sub(x, vector(this.state.mean)), vector(scales));
  }

  protected applyInverse(z: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.mul(z, vector(this.deviations())), vector(this.state.mean));
  }
}
