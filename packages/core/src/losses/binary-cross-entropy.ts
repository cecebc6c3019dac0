import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { option } from '../options/option.js';
import { defineLoss } from '../registry/entry.js';

/** log(p) clamped at -100, as PyTorch's BCELoss, so p = 0 gives a finite loss. */
const LOG_FLOOR = -100;

function checkShapes(predictions: Tensor, targets: Tensor): void {
  if (
    predictions.rank !== targets.rank ||
    !predictions.shape.every((dim, i) => dim === targets.shape[i])
  ) {
    throw new ShapeError(
      `binaryCrossEntropy: targets of shape [${targets.shape.join(', ')}] do not match predictions of shape [${predictions.shape.join(', ')}]`,
      'Give one target in [0, 1] per prediction',
    );
  }
}

/**
 * Binary cross-entropy, averaged over every element:
 * L = -mean(t log p + (1 - t) log(1 - p)), targets t in [0, 1].
 * With `fromLogits` (the default, like fanin's softmaxCrossEntropy and PyTorch's
 * `BCEWithLogitsLoss`) p = sigmoid(z) and the loss is computed as
 * t softplus(-z) + (1 - t) softplus(z), which is exact for |z| up to 1e4 and beyond and has
 * gradient (sigmoid(z) - t) / N everywhere. With `fromLogits: false` (PyTorch `BCELoss`,
 * Keras's default) predictions are probabilities and each log is clamped at -100 as PyTorch does.
 */
export const binaryCrossEntropy = defineLoss({
  description:
    'Binary cross-entropy of sigmoid(logits) (or of probabilities) against targets in [0, 1]',
  options: {
    fromLogits: option.boolean({
      description: 'Predictions are logits (true) or probabilities in [0, 1] (false)',
      default: true,
    }),
  },
  create: ({ fromLogits }) => ({
    name: 'binaryCrossEntropy',
    /** Read by `fit` to threshold binary accuracy at 0 (logits) or 0.5 (probabilities). */
    fromLogits,
    compute(predictions: Tensor, targets: Tensor): Scalar {
      checkShapes(predictions, targets);
      return tf.tidy((): Scalar => {
        const z = tf.cast(predictions, 'float32');
        const t = tf.cast(targets, 'float32');
        if (fromLogits) {
          return tf.mean(
            tf.add(tf.mul(t, tf.softplus(tf.neg(z))), tf.mul(tf.sub(1, t), tf.softplus(z))),
          ) as Scalar;
        }
        const logP = tf.maximum(tf.log(z), LOG_FLOOR);
        const logNotP = tf.maximum(tf.log(tf.sub(1, z)), LOG_FLOOR);
        return tf.neg(tf.mean(tf.add(tf.mul(t, logP), tf.mul(tf.sub(1, t), logNotP)))) as Scalar;
      });
    },
  }),
});
