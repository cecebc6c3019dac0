import type { Scalar, Tensor } from '@tensorflow/tfjs-core';

/** A loss: mean over the batch of a per-example loss. Argument order as in PyTorch. */
export interface Loss {
  readonly name: string;
  compute(predictions: Tensor, targets: Tensor): Scalar;
}
