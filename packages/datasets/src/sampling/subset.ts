import { ShapeError, tf } from '@fanin/core';
import type { Dataset } from '../dataset.js';

/**
 * The examples at `indices`, in that order, as a new dataset (`tf.gather` on x and y); the
 * original is left untouched and both must be disposed by their owners. Indices may repeat
 * (bootstrap samples).
 */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const size = data.x.shape[0];
  const chosen = Int32Array.from(indices as ArrayLike<number>);
  for (let i = 0; i < chosen.length; i++) {
    const index = chosen[i]!;
    if (index !== indices[i] || index < 0 || index >= size) {
      throw new ShapeError(
        `subset: index ${indices[i]} at position ${i} is not an example of a dataset of ${size}`,
        `Indices are whole numbers in [0, ${size})`,
      );
    }
  }
  const [x, y] = tf.tidy(() => {
    const positions = tf.tensor1d(chosen, 'int32');
    return [
      tf.gather(data.x, positions) as tf.Tensor2D,
      tf.gather(data.y, positions) as tf.Tensor1D,
    ];
  });
  return Object.freeze({ ...data, x, y });
}
