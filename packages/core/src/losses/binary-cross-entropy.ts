import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { customGradient } from '../autograd/grad.js';
import { ShapeError } from '../errors.js';
import { option } from '../options/option.js';
import { defineLoss } from '../registry/entry.js';

/** log(p) clamped at -100, as PyTorch's BCELoss, so p = 0 gives a finite loss. */
const LOG_FLOOR = -100;

/** The floor of p (1 - p) in the gradient's denominator, PyTorch's BCELoss EPSILON. */
const DENOMINATOR_FLOOR = 1e-12;

/** max(log p, -100) and max(log(1 - p), -100). */
function clampedLogs(p: Tensor): [Tensor, Tensor] {
  return [tf.maximum(tf.log(p), LOG_FLOOR), tf.maximum(tf.log(tf.sub(1, p)), LOG_FLOOR)];
}

/**
 * -mean(t max(log p, -100) + (1 - t) max(log(1 - p), -100)) with PyTorch's BCELoss gradient
 * (p - t) / (N max(p (1 - p), 1e-12)): finite at p = 0 and p = 1 (0 where p equals t,
 * ±1e12 / N against the other target), where autograd of the clamped logs gives NaN
 * (0 * Inf from the floor's mask times log's 1 / p). The targets' gradient is that of the
 * clamped formula, (max(log(1 - p), -100) - max(log p, -100)) / N, finite everywhere
 * (PyTorch's uses unclamped logs and is ±Inf at p = 0 and p = 1).
 */
const probabilityCrossEntropy = customGradient((p: Tensor, t: Tensor) => {
  const [logP, logNotP] = clampedLogs(p);
  const value = tf.neg(tf.mean(tf.add(tf.mul(t, logP), tf.mul(tf.sub(1, t), logNotP))));
  return {
    value,
    gradient: (dy, [p, t]) => {
      const perElement = tf.div(dy, p!.size);
      const denominator = tf.maximum(tf.mul(p!, tf.sub(1, p!)), DENOMINATOR_FLOOR);
      const [savedLogP, savedLogNotP] = clampedLogs(p!);
      return [
        tf.mul(perElement, tf.div(tf.sub(p!, t!), denominator)),
        tf.mul(perElement, tf.sub(savedLogNotP, savedLogP)),
      ];
    },
  };
});

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
 * Keras's default) predictions are probabilities, clamped exactly as PyTorch's BCELoss clamps
 * them: each log at -100 (so p = 0 or 1 gives a finite loss, at most 100 per element) and the
 * gradient's denominator at 1e-12, dL/dp = (p - t) / (N max(p (1 - p), 1e-12)). A saturated
 * probability (float32 sigmoid(z) is exactly 1 from z = 17.5) thus gives gradient 0 when it is
 * right and -1e12 / N or 1e12 / N when it is wrong, never NaN; PyTorch gives the same
 * (p = [1, 0], t = [1, 1]: [0, -5e11]). Keras clips p to [1e-7, 1 - 1e-7] instead. Prefer
 * logits: the gradient through sigmoid is then exactly sigmoid(z) - t.
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
        return probabilityCrossEntropy(z, t) as Scalar;
      });
    },
  }),
});
