import { ShapeError, tf } from '@fanin/core';
import type { Dataset } from '../dataset.js';

/**
 * A {@link Dataset} served as images for a convolutional network: x `[N, height, width,
 * channels]` (NHWC, channels last, as TensorFlow and Keras; PyTorch's `ToTensor()` gives
 * `[N, C, H, W]`), y `[N]` int32 class indices. `exampleShape` is `[height, width, channels]`,
 * the `inputShape` of a model that takes it (`[28, 28, 1]` for MNIST).
 */
export interface ImageDataset extends Omit<Dataset, 'x' | 'exampleShape'> {
  readonly x: tf.Tensor4D;
  readonly exampleShape: readonly [number, number, number];
}

/**
 * The image shape `[height, width, channels]` of an example shape: `[28, 28]` (grey levels)
 * is `[28, 28, 1]`, `[32, 32, 3]` stays as it is. Anything else (flat rows `[784]`, four
 * axes) is not an image and throws a ShapeError saying so.
 */
export function imageShape(exampleShape: readonly number[]): [number, number, number] {
  const [height, width, channels = 1] = exampleShape;
  if (
    (exampleShape.length !== 2 && exampleShape.length !== 3) ||
    !exampleShape.every((dim) => Number.isInteger(dim) && dim > 0)
  ) {
    throw new ShapeError(
      `exampleShape [${exampleShape.join(', ')}] is not an image: expected [height, width] or [height, width, channels]`,
      'Create the dataset with its image shape, e.g. createDataset({ x, y, exampleShape: [28, 28] })',
    );
  }
  return [height!, width!, channels];
}

/**
 * The same examples as images `[N, height, width, channels]` (see {@link imageShape}), for
 * a model whose `inputShape` is `[28, 28, 1]`. Split and preprocess the flat dataset first
 * (both work on rows), then take this view: row n's feature `(h * width + w) * channels + c`
 * becomes `x[n, h, w, c]`.
 *
 * A reshape shares the data (no copy): the result holds new tensor handles over the same
 * memory, so it and the flat dataset are disposed independently (the memory is freed when
 * both are).
 *
 * ```ts
 * const images = asImages(await loadMnist()); // x [10000, 28, 28, 1]
 * ```
 */
export function asImages(data: Dataset): ImageDataset {
  if (!(data?.x instanceof tf.Tensor) || data.x.rank !== 2) {
    const shape = data?.x instanceof tf.Tensor ? `[${data.x.shape.join(', ')}]` : 'no tensor';
    throw new ShapeError(
      `asImages: expected a dataset of flat rows x [examples, features], got x ${shape}`,
      'Pass the dataset as loaded, split or preprocessed (asImages is the last step)',
    );
  }
  const shape = imageShape(data.exampleShape);
  const [height, width, channels] = shape;
  const examples = data.x.shape[0]!;
  return Object.freeze({
    ...data,
    x: tf.reshape(data.x, [examples, height, width, channels]) as tf.Tensor4D,
    y: tf.clone(data.y),
    exampleShape: Object.freeze(shape) as ImageDataset['exampleShape'],
  });
}
