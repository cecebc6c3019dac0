import { Random, type Seed } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import { subset } from './subset.js';

/**
 * A copy of the dataset in a random order determined by `seed` (Fisher-Yates on fanin's
 * backend-independent stream, so the order is the same on every backend and platform).
 * The loaders return examples grouped by class; shuffle (or split) before slicing.
 */
export function shuffleDataset(data: Dataset, options: { readonly seed?: Seed } = {}): Dataset {
  const order = new Random(options.seed ?? 0).fork('shuffleDataset').permutation(data.x.shape[0]);
  return subset(data, order);
}
