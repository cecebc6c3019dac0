import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { FaninError, ShapeError } from '../errors.js';
import type { TensorData } from './types.js';

/** One mini-batch: examples [start, start + size) of the epoch's order. */
export interface BatchRange {
  readonly start: number;
  readonly size: number;
}

/** Splits `count` examples into batches of `batchSize`; the last, partial batch is included. */
export function batchRanges(count: number, batchSize: number): BatchRange[] {
  const out: BatchRange[] = [];
  for (let start = 0; start < count; start += batchSize)
    out.push({ start, size: Math.min(batchSize, count - start) });
  return out;
}

/** Checks a batch size option (default 32). */
export function checkBatchSize(batchSize: number | undefined, subject: string): number {
  const value = batchSize ?? 32;
  if (!Number.isInteger(value) || value < 1) {
    throw new FaninError(
      'INVALID_OPTION',
      `${subject}: "batchSize" must be an integer >= 1, got ${value}`,
    );
  }
  return value;
}

/** Checks that x and y hold the same number of examples (at least one); returns it. */
export function exampleCount(data: TensorData, subject: string): number {
  if (!data || !(data.x instanceof tf.Tensor) || !(data.y instanceof tf.Tensor)) {
    throw new FaninError(
      'INVALID_DATA',
      `${subject}: data must be { x, y } with tensors`,
      'Convert arrays with tf.tensor2d(...)',
    );
  }
  const count = data.x.shape[0];
  if (data.x.rank < 1 || count === undefined || count < 1) {
    throw new ShapeError(
      `${subject}: x must have at least one example along its first axis, got shape [${data.x.shape.join(', ')}]`,
    );
  }
  if (data.y.rank < 1 || data.y.shape[0] !== count) {
    throw new ShapeError(
      `${subject}: x has ${count} examples but y has ${data.y.shape[0] ?? 'none'} (shapes [${data.x.shape.join(', ')}] and [${data.y.shape.join(', ')}])`,
    );
  }
  return count;
}

/** The examples of a batch: a slice, or a gather through the epoch's shuffled order. */
export function takeBatch(tensor: Tensor, range: BatchRange, order: Tensor | undefined): Tensor {
  if (!order) return tf.slice(tensor, [range.start], [range.size]);
  return tf.gather(tensor, tf.slice(order, [range.start], [range.size]));
}
