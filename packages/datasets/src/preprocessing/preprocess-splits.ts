import { tf } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import type { FeatureTransform } from './preprocessor.js';

/**
 * Fits `transform` on the training part's features and applies it to every part: the
 * pattern that keeps validation and test statistics out of training. Returns new datasets
 * (x transformed, y cloned, `exampleShape` `[outputFeatures]` when the width changes); the
 * input splits are left to their owner to dispose.
 *
 * ```ts
 * const splits = splitDataset(await loadMnist(), { train: 1000, validation: 1000, seed: 0 });
 * const centered = preprocessSplits(splits, new ZeroCenter());
 * ```
 */
export function preprocessSplits<S extends { readonly train: Dataset }>(
  splits: S,
  transform: FeatureTransform,
): S {
  transform.fit(splits.train.x);
  const out: Record<string, unknown> = {};
  for (const [part, data] of Object.entries(splits) as Array<[string, Dataset | undefined]>) {
    if (!data) continue;
    const x = transform.transform(data.x);
    const sameWidth = x.shape[1] === data.x.shape[1];
    out[part] = Object.freeze({
      ...data,
      x,
      y: tf.clone(data.y),
      exampleShape: sameWidth ? data.exampleShape : [x.shape[1]],
    });
  }
  return Object.freeze(out) as S;
}
