import { tf } from '@fanin/core';
import {
  checkRows,
  checkState,
  FeatureTransform,
  type FeatureTransformState,
  positiveOption,
  vector,
} from './preprocessor.js';
import { principalAxes } from './principal-axes.js';

/** The fitted state of {@link Zca}. */
export interface ZcaState extends FeatureTransformState {
  readonly type: 'zca';
  readonly epsilon: number;
  /** Training mean of each feature. */
  readonly mean: readonly number[];
  /** Eigenvalues of the training covariance (divided by N - 1), largest first. */
  readonly variances: readonly number[];
  /** The matching unit eigenvectors, one row of `features` numbers each. */
  readonly vectors: ReadonlyArray<readonly number[]>;
}

/**
 * ZCA ("zero-phase") whitening: x' = (x - mean) W with W = U diag(1 / sqrt(lambda + epsilon)) U^T,
 * from the eigendecomposition U diag(lambda) U^T of the training covariance (divided by N - 1).
 * Like PCA whitening it decorrelates the features and gives them unit variance (the
 * whitened training covariance is U diag(lambda / (lambda + epsilon)) U^T, ~I), but it
 * rotates back to the input axes, so whitened images still look like images (edges
 * enhanced); of all whitening matrices it keeps x' closest to x.
 *
 * `epsilon` (default 1e-5, must be > 0) bounds the gain of low-variance directions, which
 * are mostly noise; on raw pixels a larger value (0.01-0.1) is common. The state stores the
 * full eigendecomposition (features^2 numbers: 614,656 for MNIST).
 */
export class Zca extends FeatureTransform<ZcaState> {
  readonly type = 'zca';
  readonly epsilon: number;
  protected override readonly minimumExamples = 2;
  private forward: Float32Array | undefined;
  private backward: Float32Array | undefined;

  constructor(options: { readonly epsilon?: number } = {}) {
    super();
    this.epsilon = positiveOption('zca', 'epsilon', options.epsilon ?? 1e-5);
  }

  /** Restores a fitted Zca from its JSON state. */
  static fromJSON(state: ZcaState): Zca {
    checkState<ZcaState>(state, 'zca', (s) => ({ mean: s.features, variances: s.features }));
    checkRows('zca', 'vectors', state.vectors, state.features, state.features);
    const transform = new Zca({ epsilon: state.epsilon });
    transform.restore({
      ...state,
      mean: [...state.mean],
      variances: [...state.variances],
      vectors: state.vectors.map((row) => [...row]),
    });
    return transform;
  }

  protected override restore(state: ZcaState): void {
    super.restore(state);
    this.forward = undefined;
    this.backward = undefined;
  }

  protected computeState(values: ArrayLike<number>, rows: number, columns: number): ZcaState {
    const { mean, variances, vectors } = principalAxes(values, rows, columns);
    return { type: 'zca', features: columns, epsilon: this.epsilon, mean, variances, vectors };
  }

  /** The whitening matrix W (power -1/2) or its inverse (power 1/2), built in float64. */
  matrix(power: -0.5 | 0.5 = -0.5): Float64Array {
    const { features: d, variances, vectors } = this.state;
    const out = new Float64Array(d * d);
    for (let k = 0; k < d; k++) {
      const u = vectors[k]!;
      const scale = (variances[k]! + this.epsilon) ** power;
      for (let i = 0; i < d; i++) {
        const ui = u[i]! * scale;
        if (ui === 0) continue;
        const offset = i * d;
        for (let j = 0; j < d; j++) out[offset + j] = out[offset + j]! + ui * u[j]!;
      }
    }
    return out;
  }

  protected apply(x: tf.Tensor2D): tf.Tensor2D {
    const { features, mean } = this.state;
    this.forward ??= Float32Array.from(this.matrix(-0.5));
    return tf.matMul(tf.sub(x, vector(mean)), tf.tensor2d(this.forward, [features, features]));
  }

  protected applyInverse(z: tf.Tensor2D): tf.Tensor2D {
    const { features, mean } = this.state;
    this.backward ??= Float32Array.from(this.matrix(0.5));
    return tf.add(tf.matMul(z, tf.tensor2d(this.backward, [features, features])), vector(mean));
  }
}
