import { ready } from '@fanin/core';
import type { Dataset } from '../dataset.js';
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
 * files ending in `.gz` (or starting with the gzip signature) are decompressed with zlib.
 * See {@link datasetFromIdx} for scaling and shapes. Calls core's `ready()` first.
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
  // node: modules are imported here, on use, so that browser bundles of the package do not need them.
  const { readFile } = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IdxFormatError(path, `cannot read the file (${reason})`);
  }
  if (path.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    const { gunzip } = await import('node:zlib');
    const compressed = bytes;
    try {
      bytes = await new Promise<Uint8Array>((resolve, reject) =>
        gunzip(compressed, (error, result) => (error ? reject(error) : resolve(result))),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new IdxFormatError(
        path,
        `cannot decompress it (${reason})`,
        'The .gz file is damaged or incomplete; download it again',
      );
    }
  }
  return loadIdx(bytes, { source: path });
}
