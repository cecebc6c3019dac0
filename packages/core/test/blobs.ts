import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../src/random/random.js';
import type { TensorData } from '../src/training/types.js';

/** Options of {@link blobs}. */
export interface BlobsOptions {
  readonly features?: number;
  readonly classes?: number;
  /** Standard deviation of each blob around its center. */
  readonly spread?: number;
  readonly seed?: number;
  /** Which sample of points to draw around the same centers (e.g. 0 for training, 1 for validation). */
  readonly sample?: number;
}

/**
 * A synthetic classification set: `classes` Gaussian blobs in `features` dimensions, centers
 * drawn from N(0, 2^2), labels as int32 class indices. Same seed, same tensors, on any backend.
 */
export function blobs(count: number, options: BlobsOptions = {}): TensorData {
  const { features = 2, classes = 2, spread = 0.6, seed = 0, sample = 0 } = options;
  const random = new Random(seed);
  const centers = Array.from({ length: classes }, (_, c) => {
    const stream = random.fork('center', c);
    return Array.from({ length: features }, () => 2 * stream.normal());
  });
  const points = random.fork('points', sample);
  const x = new Float32Array(count * features);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    y[i] = label;
    for (let j = 0; j < features; j++)
      x[i * features + j] = centers[label]![j]! + spread * points.normal();
  }
  return { x: tf.tensor2d(x, [count, features]), y: tf.tensor1d(y, 'int32') };
}
