import { FaninError, ready, runningInNode } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import { decompressGzip, isGzip } from './decompress-gzip.js';
import { datasetFromIdx } from './idx-dataset.js';
import { type IdxArray, IdxFormatError } from './idx-format.js';
import { loadIdx } from './load-idx.js';

/** Paths of an images file and its labels file, plus optional class names. */
export interface IdxFiles {
  /** E.g. `data/train-images-idx3-ubyte.gz`. */
  readonly images: string;
  /** E.g. `data/train-labels-idx1-ubyte.gz`. */
  readonly labels: string;
  readonly classNames?: readonly string[];
}

/**
 * Reads an images and a labels IDX file from disk (Node only) into a {@link Dataset}, for
 * the full MNIST (60,000 + 10,000), Fashion-MNIST or any IDX pair you downloaded yourself;
 * files ending in `.gz` (or starting with the gzip signature) are decompressed. See
 * {@link datasetFromIdx} for scaling and shapes. Calls core's `ready()` first. In a browser,
 * fetch the bytes and use `decompressGzip` and `datasetFromIdx`.
 *
 * ```ts
 * const train = await loadIdxFiles({
 *   images: 'fashion/train-images-idx3-ubyte.gz',
 *   labels: 'fashion/train-labels-idx1-ubyte.gz',
 *   classNames: FASHION_MNIST_CLASS_NAMES,
 * });
 * ```
 */
export async function loadIdxFiles(files: IdxFiles): Promise<Dataset> {
  const [images, labels] = await Promise.all([
    readIdxFile(files.images),
    readIdxFile(files.labels),
    ready(),
  ]);
  return datasetFromIdx({
    images,
    labels,
    ...(files.classNames ? { classNames: files.classNames } : {}),
  });
}

/** Reads one IDX file (Node only), decompressing gzip. */
export async function readIdxFile(path: string): Promise<IdxArray> {
  const { readFile } = await fileSystem();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IdxFormatError(path, `cannot read the file (${reason})`);
  }
  if (path.endsWith('.gz') || isGzip(bytes)) bytes = await decompressGzip(bytes, { source: path });
  return loadIdx(bytes, { source: path });
}

type FileSystem = { readFile(path: string): Promise<Uint8Array> };

/**
 * node:fs/promises, obtained without a static (or literal dynamic) import, so that browser
 * bundlers neither try to resolve it nor fail on it: a browser bundle of this package
 * builds with webpack, Vite and esbuild without Node polyfills.
 */
async function fileSystem(): Promise<FileSystem> {
  if (!runningInNode()) {
    throw new FaninError(
      'UNSUPPORTED_RUNTIME',
      'loadIdxFiles reads files from disk and needs Node.js',
      'In a browser, fetch the files and pass the bytes to datasetFromIdx (after decompressGzip for .gz files)',
    );
  }
  const name = 'node:fs/promises';
  const builtin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(
    name,
  );
  return (builtin ??
    (await import(/* webpackIgnore: true */ /* @vite-ignore */ name))) as FileSystem;
}
