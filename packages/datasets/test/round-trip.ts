import { tf } from '@fanin/core';
import type { FeatureTransform } from '../src/preprocessing/preprocessor.js';
import {
  type Preprocessor,
  preprocessorFromJSON,
} from '../src/preprocessing/preprocessor-from-json.js';
import { relativeError } from './helpers.js';

/** What {@link roundTrip} measured; the tests assert on it. */
export interface RoundTrip {
  /** relativeError(inverseTransform(transform(x)), x). */
  readonly inverseError: number;
  /** The transform rebuilt by `preprocessorFromJSON` from its JSON text. */
  readonly restored: Preprocessor;
  /** transform(x), as numbers. */
  readonly output: number[];
  /** The restored transform's output for the same x. */
  readonly restoredOutput: number[];
}

/**
 * Runs a fitted transform forward and back on `x` and through its JSON state, disposing every
 * tensor it makes (so a leak check around it sees the transforms' own leaks only).
 */
export function roundTrip(fitted: FeatureTransform, x: tf.Tensor2D): RoundTrip {
  const z = fitted.transform(x);
  const back = fitted.inverseTransform(z);
  const restored: Preprocessor = preprocessorFromJSON(JSON.parse(JSON.stringify(fitted)));
  const again = restored.transform(x);
  const result = {
    inverseError: relativeError(back.dataSync(), x.dataSync()),
    restored,
    output: Array.from(z.dataSync()),
    restoredOutput: Array.from(again.dataSync()),
  };
  tf.dispose([z, back, again]);
  return result;
}
