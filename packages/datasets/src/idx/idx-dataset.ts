import { type Dataset, datasetFromArrays } from '../dataset.js';
import { type IdxArray, IdxFormatError } from './idx-format.js';
import { loadIdx } from './load-idx.js';

/** Images and labels as IDX arrays or raw IDX bytes, plus optional class names. */
export interface IdxDatasetInput {
  readonly images: IdxArray | Uint8Array | ArrayBuffer;
  readonly labels: IdxArray | Uint8Array | ArrayBuffer;
  /** Names of the classes, e.g. {@link FASHION_MNIST_CLASS_NAMES}. Default: "0", "1", ... */
  readonly classNames?: readonly string[];
}

/**
 * A {@link Dataset} from an images IDX array `[N, rows, columns]` (or any `[N, ...]`) and a
 * labels IDX array `[N]`. uint8 images are scaled to [0, 1] (pixel / 255, as PyTorch's
 * `ToTensor()`); other element types are kept as they are. Each image is flattened row by
 * row into x `[N, rows * columns]`, and `exampleShape` records `[rows, columns]`. The number
 * of classes is `classNames.length` when given, else the largest label + 1.
 */
export function datasetFromIdx(input: IdxDatasetInput): Dataset {
  const images = asIdx(input.images, 'images');
  const labels = asIdx(input.labels, 'labels');
  if (images.shape.length < 2) {
    throw new IdxFormatError(
      'images',
      `expected at least 2 dimensions [examples, ...], got shape [${images.shape.join(', ')}]`,
      'Did you swap images and labels?',
    );
  }
  if (labels.shape.length !== 1) {
    throw new IdxFormatError(
      'labels',
      `expected 1 dimension [examples], got shape [${labels.shape.join(', ')}]`,
      'Did you swap images and labels?',
    );
  }
  if (labels.type === 'float32' || labels.type === 'float64') {
    throw new IdxFormatError('labels', `expected integer class indices, got ${labels.type} values`);
  }
  const examples = images.shape[0]!;
  if (labels.shape[0] !== examples) {
    throw new IdxFormatError(
      'labels',
      `${labels.shape[0]} labels for ${examples} images`,
      'Pair the images file with its own labels file (train with train, t10k with t10k)',
    );
  }
  const exampleShape = images.shape.slice(1);
  const x = new Float32Array(images.data.length);
  const scale = images.type === 'uint8' ? 1 / 255 : 1;
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! * scale;
  return datasetFromArrays(x, Int32Array.from(labels.data), {
    ...(input.classNames
      ? { numClasses: input.classNames.length, classNames: input.classNames }
      : {}),
    exampleShape,
  });
}

function asIdx(value: IdxArray | Uint8Array | ArrayBuffer, source: string): IdxArray {
  return value instanceof Uint8Array || value instanceof ArrayBuffer
    ? loadIdx(value, { source })
    : value;
}
