import type { Scalar, Tensor } from '@tensorflow/tfjs-core';

/**
 * A number computed from a batch's predictions and targets, averaged over batches (weighted
 * by batch size) by `fit` and `evaluate`. Must be a mean over the batch for that to be exact.
 */
export interface Metric {
  readonly name: string;
  compute(predictions: Tensor, targets: Tensor): Scalar;
}
