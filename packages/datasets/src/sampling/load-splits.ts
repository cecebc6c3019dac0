import { FaninError, tf } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import { asImages, type ImageDataset } from '../images/image-dataset.js';
import { type SplitOptions, type Splits, splitDataset } from './split-dataset.js';

/** How {@link loadSplits} serves each example: flat rows `[N, features]` or images `[N, H, W, C]`. */
export const EXAMPLE_SHAPES = ['flat', 'image'] as const;
export type ExampleShape = (typeof EXAMPLE_SHAPES)[number];

/** Options of {@link loadSplits}: a split, and how to serve the examples. */
export interface LoadSplitsOptions extends SplitOptions {
  /**
   * "flat" (default): x `[N, features]`. "image": x `[N, height, width, channels]` (NHWC,
   * `[N, 28, 28, 1]` for MNIST; see `asImages`), for a model with `"inputShape": [28, 28, 1]`.
   * The split is the same either way: the examples are split as rows, then reshaped.
   */
  readonly shape?: ExampleShape;
}

/** The splits of images {@link loadSplits} returns with `shape: "image"`: one per part asked for. */
export type ImageSplits<O extends SplitOptions = SplitOptions> = {
  readonly [Part in keyof Splits<O>]: ImageDataset;
};

/**
 * Loads a dataset source (a registry `dataset` entry, or anything with `load()`), splits it,
 * and disposes the full copy, so only the requested parts stay in memory. With
 * `shape: "image"` each part is served as images (a reshape of the same rows, no copy).
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [datasets] });
 * const { train, validation } = await loadSplits(fanin.dataset('mnist'), { train: 1000, validation: 1000, stratify: true });
 * const images = await loadSplits(fanin.dataset('mnist'), { train: 1000, validation: 1000, shape: 'image' });
 * images.train.x.shape; // [1000, 28, 28, 1]
 * ```
 *
 * To preprocess images, split them flat, fit on the training part, then take the image view:
 * `asImages(preprocessSplits(splits, new ChannelStandardize()).train)` (see `asImages`).
 */
export async function loadSplits<const O extends LoadSplitsOptions>(
  source: { load(): Promise<Dataset> },
  options: O,
): Promise<O extends { readonly shape: 'image' } ? ImageSplits<O> : Splits<O>> {
  const { shape = 'flat', ...split } = options;
  if (shape !== 'flat' && shape !== 'image') {
    throw new FaninError(
      'INVALID_OPTION',
      `loadSplits: option "shape" must be "flat" or "image", got ${JSON.stringify(shape)}`,
    );
  }
  const data = await source.load();
  let splits: Splits;
  try {
    splits = splitDataset(data, split as SplitOptions);
  } finally {
    tf.dispose([data.x, data.y]);
  }
  if (shape === 'flat') return splits as never;
  return imageSplits(splits) as never;
}

/** Each part of `splits` as images; the flat parts are disposed (the images share their memory). */
function imageSplits(splits: Splits): ImageSplits {
  const parts = Object.entries(splits) as Array<[string, Dataset | undefined]>;
  const images: Record<string, ImageDataset> = {};
  try {
    for (const [part, data] of parts) if (data) images[part] = asImages(data);
  } catch (error) {
    for (const made of Object.values(images)) tf.dispose([made.x, made.y]);
    throw error;
  } finally {
    for (const [, data] of parts) if (data) tf.dispose([data.x, data.y]);
  }
  return Object.freeze(images) as unknown as ImageSplits;
}
