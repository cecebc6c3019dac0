import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import type { Metric } from './metric.js';

/** Options for {@link accuracy}. */
export interface AccuracyOptions {
  /**
   * For a single output column (binary classification): the threshold above which the
   * prediction is class 1. Default 0, for logits; use 0.5 for probabilities.
   */
  readonly threshold?: number;
}

/**
 * The fraction of examples whose predicted class is the target class.
 * Multi-class: predictions [batch, classes] (logits or probabilities; the arg max is the
 * class), targets as class indices [batch] or one-hot [batch, classes].
 * Binary: predictions [batch, 1] or [batch] thresholded at `threshold` (default 0, for
 * logits), targets 0/1 of the same shape.
 */
export function accuracy(
  predictions: Tensor,
  targets: Tensor,
  options: AccuracyOptions = {},
): Scalar {
  return tf.tidy(() => {
    const classes = predictions.shape[predictions.rank - 1] ?? 1;
    const sameShape =
      predictions.rank === targets.rank &&
      predictions.shape.every((dim, i) => dim === targets.shape[i]);
    if (predictions.rank <= 1 || (classes === 1 && sameShape)) {
      if (!sameShape) throw mismatch(predictions, targets);
      const predicted = tf.greater(predictions, options.threshold ?? 0);
      const actual = tf.greater(targets, 0.5);
      return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
    }
    const predicted = tf.argMax(predictions, -1);
    let actual: Tensor;
    if (sameShape) actual = tf.argMax(targets, -1);
    else if (
      targets.rank === predictions.rank - 1 &&
      targets.shape.every((dim, i) => dim === predictions.shape[i])
    )
      actual = tf.cast(targets, 'int32');
    else throw mismatch(predictions, targets);
    return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
  });
}

function mismatch(predictions: Tensor, targets: Tensor): ShapeError {
  return new ShapeError(
    `accuracy: targets of shape [${targets.shape.join(', ')}] do not fit predictions of shape [${predictions.shape.join(', ')}]`,
    'Pass class indices [batch], one-hot targets [batch, classes], or 0/1 targets shaped like binary predictions',
  );
}

/** {@link accuracy} as a {@link Metric}, the one `fit` uses for `metrics: ["accuracy"]`. */
export const accuracyMetric: Metric = {
  name: 'accuracy',
  compute: (predictions, targets) => accuracy(predictions, targets),
};
