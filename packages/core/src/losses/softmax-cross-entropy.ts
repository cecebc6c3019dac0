import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { fusedSoftmaxCrossEntropy } from '../kernels/fused-ops.js';
import { option } from '../options/option.js';
import { defineLoss } from '../registry/entry.js';

/**
 * Turns class targets into a probability distribution per row: integer class indices
 * (rank one less than the logits) become one-hot rows, one-hot or soft targets (same shape
 * as the logits) are used as given.
 */
export function targetDistribution(logits: Tensor, targets: Tensor, subject: string): Tensor {
  const classes = logits.shape[logits.rank - 1]!;
  if (
    targets.rank === logits.rank - 1 &&
    targets.shape.every((dim, i) => dim === logits.shape[i])
  ) {
    const indices = targets.dtype === 'int32' ? targets : tf.cast(targets, 'int32');
    return tf.cast(
      tf.reshape(tf.oneHot(tf.reshape(indices, [-1]), classes), logits.shape),
      'float32',
    );
  }
  if (targets.rank === logits.rank && targets.shape.every((dim, i) => dim === logits.shape[i])) {
    return targets.dtype === 'float32' ? targets : tf.cast(targets, 'float32');
  }
  throw new ShapeError(
    `${subject}: targets of shape [${targets.shape.join(', ')}] do not fit logits of shape [${logits.shape.join(', ')}]`,
    `Pass class indices of shape [${logits.shape.slice(0, -1).join(', ')}] or one-hot targets of shape [${logits.shape.join(', ')}]`,
  );
}

/**
 * Cross-entropy of the softmax of logits against class targets, averaged over the batch:
 * L = -mean_n sum_c t_nc log softmax(z_n)_c. Computed from logits with `logSoftmax`
 * (z - max z - log sum exp(z - max z)), so logits like 1e4 give exact finite values;
 * d L / d z = (softmax(z) - t) / N. Targets are integer class indices (any dtype; shape
 * [batch]) or one-hot/soft distributions (shape [batch, classes]). Classes are on the last
 * axis (Keras; PyTorch uses axis 1, the same for 2-D logits). Label smoothing eps replaces t
 * by (1 - eps) t + eps / C, as PyTorch's `CrossEntropyLoss(label_smoothing)`.
 * Out-of-range indices are not checked (they give an all-zero target row). On cpu and wasm,
 * float32 logits [batch, classes] with float32 or int32 targets take one fused kernel for the
 * loss and its gradient.
 */
export const softmaxCrossEntropy = defineLoss({
  description: 'Cross-entropy of softmax(logits) against class indices or one-hot targets',
  options: {
    labelSmoothing: option.number({
      description: 'Mixes targets with the uniform distribution: (1 - eps) t + eps / classes',
      default: 0,
      min: 0,
      max: 1,
    }),
  },
  create: ({ labelSmoothing }) => ({
    name: 'softmaxCrossEntropy',
    compute(predictions: Tensor, targets: Tensor): Scalar {
      // One fanin kernel forward and one backward on cpu and wasm (kernels/fused-ops.ts);
      // class indices of another dtype are cast to int32 first, as below.
      const indices =
        targets.rank === predictions.rank - 1 &&
        targets.dtype !== 'int32' &&
        predictions.rank === 2;
      const fused = tf.tidy(() =>
        fusedSoftmaxCrossEntropy(
          predictions,
          indices ? tf.cast(targets, 'int32') : targets,
          labelSmoothing,
        ),
      );
      if (fused) return fused;
      return tf.tidy((): Scalar => {
        if (predictions.rank < 1)
          throw new ShapeError('softmaxCrossEntropy: logits must have a class axis, got a scalar');
        const classes = predictions.shape[predictions.rank - 1]!;
        let distribution = targetDistribution(predictions, targets, 'softmaxCrossEntropy');
        if (labelSmoothing > 0)
          distribution = tf.add(tf.mul(distribution, 1 - labelSmoothing), labelSmoothing / classes);
        const logProbabilities = tf.logSoftmax(tf.cast(predictions, 'float32'));
        return tf.neg(tf.mean(tf.sum(tf.mul(distribution, logProbabilities), -1))) as Scalar;
      });
    },
  }),
});
