import { ShapeError, tf } from '@fanin/core';

/**
 * A labeled classification dataset held as tensors, examples along the first axis:
 * - `x`: `[N, features]` float32 (images are flattened row by row; `exampleShape` keeps
 *   their shape, e.g. `[28, 28]`, for a reshape before a convolution);
 * - `y`: `[N]` int32 class indices in `[0, numClasses)`.
 *
 * `{ x, y }` is exactly what `fit` takes. Integer labels (PyTorch's convention for
 * `CrossEntropyLoss`) are kept rather than one-hot rows (Keras's `categorical_crossentropy`);
 * {@link oneHot} converts when a loss wants the latter.
 *
 * The tensors belong to whoever received the dataset: release them with `disposeDataset(dataset)`.
 */
export interface Dataset {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor1D;
  readonly numClasses: number;
  /** A display name per class, `classNames[label]` ("0".."9" for MNIST). */
  readonly classNames: readonly string[];
  /** The shape of one example before flattening: `[28, 28]` for MNIST, `[features]` otherwise. */
  readonly exampleShape: readonly number[];
}

/** What {@link createDataset} accepts. */
export interface DatasetInit {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
  /** Default: the largest label + 1 (or the number of `classNames`). */
  readonly numClasses?: number;
  /** Default: the label numbers as strings. */
  readonly classNames?: readonly string[];
  /** Default: `[features]`. Its product must equal the number of features. */
  readonly exampleShape?: readonly number[];
}

/**
 * Wraps tensors as a {@link Dataset} after checking them: `x` 2-D float32, `y` 1-D int32
 * with one whole label in range per example. Takes ownership of the tensors (no copy).
 *
 * ```ts
 * const data = createDataset({ x: tf.tensor2d(features, [n, 4]), y: tf.tensor1d(labels, 'int32') });
 * ```
 */
export function createDataset(init: DatasetInit): Dataset {
  const { x, y } = init;
  if (!(x instanceof tf.Tensor) || !(y instanceof tf.Tensor)) {
    throw new ShapeError(
      'createDataset: x and y must be tensors',
      'Build them with tf.tensor2d(values, [n, features]) and tf.tensor1d(labels, "int32")',
    );
  }
  if (x.rank !== 2) {
    throw new ShapeError(
      `createDataset: x must be 2-D [examples, features], got shape [${x.shape.join(', ')}]`,
      'Flatten each example: x.reshape([n, -1])',
    );
  }
  if (x.dtype !== 'float32')
    throw new ShapeError(
      `createDataset: x must be float32, got ${x.dtype}`,
      'Cast it: x.toFloat() or tf.cast(x, "float32")',
    );
  if (y.rank !== 1) {
    throw new ShapeError(
      `createDataset: y must be 1-D [examples] class indices, got shape [${y.shape.join(', ')}]`,
      'For one-hot rows use tf.argMax(y, 1)',
    );
  }
  if (y.dtype !== 'int32')
    throw new ShapeError(
      `createDataset: y must be int32 class indices, got ${y.dtype}`,
      'Cast it: tf.cast(y, "int32")',
    );
  const [examples, features] = x.shape as [number, number];
  if (y.shape[0] !== examples)
    throw new ShapeError(
      `createDataset: x has ${examples} examples but y has ${y.shape[0]} labels`,
    );

  const labels = y.dataSync();
  let largest = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0)
      throw new ShapeError(
        `createDataset: label ${label} at index ${i} is negative`,
        'Labels are class indices 0, 1, 2, ...',
      );
    if (label > largest) largest = label;
  }
  const numClasses = init.numClasses ?? init.classNames?.length ?? largest + 1;
  if (!Number.isInteger(numClasses) || numClasses < 1)
    throw new ShapeError(`createDataset: numClasses must be a positive integer, got ${numClasses}`);
  if (largest >= numClasses)
    throw new ShapeError(
      `createDataset: label ${largest} is out of range for ${numClasses} classes`,
      'Pass the right numClasses or fix the labels',
    );
  const classNames = init.classNames ?? Array.from({ length: numClasses }, (_, i) => String(i));
  if (classNames.length !== numClasses)
    throw new ShapeError(
      `createDataset: ${classNames.length} class names for ${numClasses} classes`,
    );
  const exampleShape = init.exampleShape ?? [features];
  if (exampleShape.reduce((a, b) => a * b, 1) !== features) {
    throw new ShapeError(
      `createDataset: exampleShape [${exampleShape.join(', ')}] does not hold ${features} features`,
    );
  }
  return Object.freeze({
    x: x as tf.Tensor2D,
    y: y as tf.Tensor1D,
    numClasses,
    classNames: Object.freeze([...classNames]),
    exampleShape: Object.freeze([...exampleShape]),
  });
}

/** A dataset built from arrays the caller no longer touches (used by the loaders). */
export function datasetFromArrays(
  features: Float32Array,
  labels: Int32Array,
  info: {
    readonly numClasses?: number;
    readonly classNames?: readonly string[];
    readonly exampleShape: readonly number[];
  },
): Dataset {
  const width = info.exampleShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor2d(features, [labels.length, width], 'float32');
  const y = tf.tensor1d(labels, 'int32');
  return createDataset({ x, y, ...info });
}

/** The number of examples. */
export function datasetSize(data: { readonly x: tf.Tensor }): number {
  return data.x.shape[0] ?? 0;
}

/** How many examples each class has: `counts[label]`. */
export function labelCounts(data: Pick<Dataset, 'y' | 'numClasses'>): number[] {
  const counts = new Array<number>(data.numClasses).fill(0);
  const labels = data.y.dataSync();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/**
 * Disposes the tensors of each dataset given (undefined entries are skipped):
 * `disposeDataset(train, validation)`. Datasets hold two tensors, x and y.
 */
export function disposeDataset(
  ...datasets: ReadonlyArray<{ readonly x: tf.Tensor; readonly y: tf.Tensor } | undefined>
): void {
  for (const data of datasets) {
    if (data) tf.dispose([data.x, data.y]);
  }
}

/** Disposes every part of the result of `splitDataset` / `loadSplits` / `preprocessSplits`. */
export function disposeSplits(splits: {
  readonly [part: string]: { readonly x: tf.Tensor; readonly y: tf.Tensor } | undefined;
}): void {
  disposeDataset(...Object.values(splits));
}
