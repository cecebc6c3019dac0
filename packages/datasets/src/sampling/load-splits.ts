import { tf } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import { type SplitOptions, type Splits, splitDataset } from './split-dataset.js';

/**
 * Loads a dataset source (a registry `dataset` entry, or anything with `load()`), splits it,
 * and disposes the full copy, so only the requested parts stay in memory.
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [datasets] });
 * const { train, validation } = await loadSplits(fanin.dataset('mnist'), { train: 1000, validation: 1000, stratify: true });
 * ```
 */
export async function loadSplits<const O extends SplitOptions>(
  source: { load(): Promise<Dataset> },
  options: O,
): Promise<Splits<O>> {
  const data = await source.load();
  try {
    return splitDataset(data, options);
  } finally {
    tf.dispose([data.x, data.y]);
  }
}
