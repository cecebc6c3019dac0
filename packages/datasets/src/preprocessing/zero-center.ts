import { FaninError, tf } from '@fanin/core';
import { columnMeans } from '../linalg/moments.js';
import {
  checkState,
  FeatureTransform,
  type FeatureTransformState,
  vector,
} from './preprocessor.js';

/** The fitted state of {@link ZeroCenter}. */
export interface ZeroCenterState extends FeatureTransformState {
  readonly type: 'zeroCenter';
  readonly mode: 'feature' | 'global';
  /** The training mean of each feature (mode "feature") or a single mean (mode "global"). */
  readonly mean: readonly number[];
}

/**
 * Subtracts the training mean: x' = x - mean. With all-positive inputs (pixels in [0, 1])
 * every weight of a first-layer unit gets a gradient of the same sign, which makes descent
 * zig-zag; centering removes that. The usual treatment of images is centering only (no
 * division by the std: pixels already share a scale), per feature ("mean image", AlexNet)
 * or one global mean (per channel, VGG; for grey images that is the global mean).
 *
 * `mode`: "feature" (default) subtracts each feature's mean, "global" one mean for all.
 */
export class ZeroCenter extends FeatureTransform<ZeroCenterState> {
  readonly type = 'zeroCenter';
  readonly mode: 'feature' | 'global';

  constructor(options: { readonly mode?: 'feature' | 'global' } = {}) {
    super();
    const mode = options.mode ?? 'feature';
    if (mode !== 'feature' && mode !== 'global') {
      throw new FaninError(
        'INVALID_OPTION',
        `zeroCenter: option "mode" must be one of "feature", "global", got ${JSON.stringify(mode)}`,
      );
    }
    this.mode = mode;
  }

  /** Restores a fitted ZeroCenter from its JSON state. */
  static fromJSON(state: ZeroCenterState): ZeroCenter {
    checkState<ZeroCenterState>(state, 'zeroCenter', (s) => ({
      mean: s.mode === 'global' ? 1 : s.features,
    }));
    const transform = new ZeroCenter({ mode: state.mode });
    transform.restore({
      type: 'zeroCenter',
      mode: state.mode,
      features: state.features,
      mean: [...state.mean],
    });
    return transform;
  }

  protected computeState(
    values: ArrayLike<number>,
    rows: number,
    columns: number,
  ): ZeroCenterState {
    const means = columnMeans(values, rows, columns);
    const mean =
      this.mode === 'global' ? [means.reduce((a, b) => a + b, 0) / columns] : Array.from(means);
    return { type: 'zeroCenter', mode: this.mode, features: columns, mean };
  }

  protected apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.sub(x, vector(this.state.mean));
  }

  protected applyInverse(z: tf.Tensor2D): tf.Tensor2D {
    return tf.add(z, vector(this.state.mean));
  }
}
