import { ShapeError, tf } from '@fanin/core';

/**
 * One-hot rows for integer class labels: `[N]` int32 labels to `[N, numClasses]` float32 with
 * a 1 at each label's column (Keras's `to_categorical`, PyTorch's `F.one_hot(...).float()`).
 * Labels outside `[0, numClasses)` are rejected (tf.oneHot would silently give a zero row).
 */
export function oneHot(labels: tf.Tensor, numClasses: number): tf.Tensor2D {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ShapeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  }
  if (labels.rank !== 1)
    throw new ShapeError(
      `oneHot: labels must be 1-D [examples], got shape [${labels.shape.join(', ')}]`,
    );
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const label = values[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new ShapeError(
        `oneHot: label ${label} at index ${i} is not a class index in [0, ${numClasses})`,
      );
    }
  }
  return tf.tidy(
    () =>
      tf.cast(
        tf.oneHot(tf.cast(labels, 'int32') as tf.Tensor1D, numClasses),
        'float32',
      ) as tf.Tensor2D,
  );
}
