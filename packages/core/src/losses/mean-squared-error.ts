import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { defineLoss } from '../registry/entry.js';

/**
 * Mean squared error over every element: L = mean((p - t)^2), d L / d p = 2 (p - t) / N.
 * PyTorch `MSELoss()` (reduction "mean"); Keras's `mean_squared_error` averaged over the batch.
 * Shapes must match exactly (no broadcasting, which hides [N] vs [N, 1] mistakes).
 */
export const meanSquaredError = defineLoss({
  description: 'Mean of the squared differences between predictions and targets',
  options: {},
  aliases: ['mse'],
  create: () => ({
    name: 'meanSquaredError',
    compute(predictions: Tensor, targets: Tensor): Scalar {
      if (
        predictions.rank !== targets.rank ||
        !predictions.shape.every((dim, i) => dim === targets.shape[i])
      ) {
        throw new ShapeError(
          `meanSquaredError: targets of shape [${targets.shape.join(', ')}] do not match predictions of shape [${predictions.shape.join(', ')}]`,
          'Reshape one of them; broadcasting is refused because [N] against [N, 1] silently computes the wrong thing',
        );
      }
      return tf.tidy(() =>
        tf.mean(tf.squaredDifference(tf.cast(predictions, 'float32'), tf.cast(targets, 'float32'))),
      );
    },
  }),
});
