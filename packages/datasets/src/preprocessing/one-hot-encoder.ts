import { FaninError, ShapeError, tf } from '@fanin/core';
import { oneHot } from './one-hot.js';

/** The fitted state of {@link OneHotEncoder}. */
export interface OneHotEncoderState {
  readonly type: 'oneHotEncoder';
  readonly numClasses: number;
}

/**
 * Integer labels to one-hot rows and back, with the number of classes fixed when fitted
 * (from the training labels, or given), so that a validation split missing the last class
 * still gets rows of the same width. `transform`: `[N]` labels to `[N, numClasses]` float32;
 * `inverseTransform`: rows to `[N]` int32 labels (argmax, so it also decodes predictions).
 */
export class OneHotEncoder {
  readonly type = 'oneHotEncoder';
  private classes: number | undefined;

  /** `numClasses`: fix the width up front (e.g. `dataset.numClasses`); `fit` then only checks. */
  constructor(options: { readonly numClasses?: number } = {}) {
    if (options.numClasses !== undefined) this.classes = checkClasses(options.numClasses);
  }

  /** Restores an encoder from its JSON state. */
  static fromJSON(state: OneHotEncoderState): OneHotEncoder {
    if (state === null || typeof state !== 'object' || state.type !== 'oneHotEncoder') {
      throw new FaninError(
        'INVALID_STATE',
        'oneHotEncoder: expected a state with type "oneHotEncoder"',
      );
    }
    return new OneHotEncoder({ numClasses: state.numClasses });
  }

  get fitted(): boolean {
    return this.classes !== undefined;
  }

  /** The width of the one-hot rows. */
  get numClasses(): number {
    if (this.classes === undefined)
      throw new FaninError(
        'NOT_FITTED',
        'oneHotEncoder: not fitted yet',
        'Call fit(trainLabels) first, or pass numClasses',
      );
    return this.classes;
  }

  /** Learns the number of classes (largest label + 1) unless it was given. Returns `this`. */
  fit(labels: tf.Tensor): this {
    if (labels.rank !== 1)
      throw new ShapeError(
        `oneHotEncoder.fit: labels must be 1-D [examples], got shape [${labels.shape.join(', ')}]`,
      );
    const values = labels.dataSync();
    let largest = -1;
    for (let i = 0; i < values.length; i++) largest = Math.max(largest, values[i]!);
    if (this.classes === undefined) this.classes = checkClasses(largest + 1);
    return this;
  }

  /** `[N]` integer labels to `[N, numClasses]` float32 one-hot rows. */
  transform(labels: tf.Tensor): tf.Tensor2D {
    return oneHot(labels, this.numClasses);
  }

  fitTransform(labels: tf.Tensor): tf.Tensor2D {
    return this.fit(labels).transform(labels);
  }

  /** `[N, numClasses]` rows (one-hot or scores) to `[N]` int32 labels by argmax. */
  inverseTransform(rows: tf.Tensor): tf.Tensor1D {
    if (rows.rank !== 2 || rows.shape[1] !== this.numClasses) {
      throw new ShapeError(
        `oneHotEncoder.inverseTransform: expected [examples, ${this.numClasses}], got shape [${rows.shape.join(', ')}]`,
      );
    }
    return tf.tidy(() => tf.cast(tf.argMax(rows, 1), 'int32') as tf.Tensor1D);
  }

  toJSON(): OneHotEncoderState {
    return { type: 'oneHotEncoder', numClasses: this.numClasses };
  }
}

function checkClasses(numClasses: number): number {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new FaninError(
      'INVALID_OPTION',
      `oneHotEncoder: numClasses must be a whole number >= 1, got ${String(numClasses)}`,
    );
  }
  return numClasses;
}
