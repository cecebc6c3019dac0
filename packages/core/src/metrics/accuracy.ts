import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { type HostValues, hostValues } from '../backend/host-values.js';
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
  const classes = predictions.shape[predictions.rank - 1] ?? 1;
  const sameShape =
    predictions.rank === targets.rank &&
    predictions.shape.every((dim, i) => dim === targets.shape[i]);
  const binary = predictions.rank <= 1 || (classes === 1 && sameShape);
  if (binary ? !sameShape : !sameShape && !indexTargets(predictions, targets))
    throw mismatch(predictions, targets);
  const threshold = options.threshold ?? 0;
  const onHost = hostAccuracy(predictions, targets, binary ? threshold : undefined, sameShape);
  if (onHost !== undefined) return tf.scalar(onHost);
  return tf.tidy(() => {
    if (binary) {
      const predicted = tf.greater(predictions, threshold);
      const actual = tf.greater(targets, 0.5);
      return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
    }
    const predicted = tf.argMax(predictions, -1);
    const actual = sameShape ? tf.argMax(targets, -1) : tf.cast(targets, 'int32');
    return tf.mean(tf.cast(tf.equal(predicted, actual), 'float32'));
  });
}

/** Targets given as class indices: one fewer axis than the predictions, the same leading dims. */
function indexTargets(predictions: Tensor, targets: Tensor): boolean {
  return (
    targets.rank === predictions.rank - 1 &&
    targets.shape.every((dim, i) => dim === predictions.shape[i])
  );
}

/**
 * The same accuracy computed on the host where the backend keeps both tensors in
 * JavaScript-visible memory (cpu, wasm): a batch's arg max is a few thousand reads, where the
 * kernels (arg max twice, equal, cast, mean) cost more in dispatch than in work. It follows
 * the kernels' rules: arg max keeps a value only when it is greater than the best so far (the
 * first maximum wins a tie; a NaN is never greater, so it wins only in first place), index
 * targets are truncated to integers (a cast to int32), and the mean is rounded to float32.
 * `threshold` undefined means multi-class. Undefined when the values are not on the host.
 */
function hostAccuracy(
  predictions: Tensor,
  targets: Tensor,
  threshold: number | undefined,
  sameShape: boolean,
): number | undefined {
  const p = hostValues(predictions);
  const t = hostValues(targets);
  if (!p || !t || p.length === 0) return undefined;
  let correct = 0;
  if (threshold !== undefined) {
    for (let i = 0; i < p.length; i++) if (p[i]! > threshold === t[i]! > 0.5) correct += 1;
    return Math.fround(correct / p.length);
  }
  const classes = predictions.shape[predictions.rank - 1]!;
  const rows = p.length / classes;
  for (let row = 0; row < rows; row++) {
    const predicted = argMaxOf(p, row * classes, classes);
    const actual = sameShape ? argMaxOf(t, row * classes, classes) : Math.trunc(t[row]!) || 0;
    if (predicted === actual) correct += 1;
  }
  return Math.fround(correct / rows);
}

function argMaxOf(values: HostValues, start: number, length: number): number {
  let best = 0;
  let max = values[start]!;
  for (let j = 1; j < length; j++) {
    const value = values[start + j]!;
    if (value > max) {
      max = value;
      best = j;
    }
  }
  return best;
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
