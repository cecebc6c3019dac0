import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { type HostValues, hostValues } from '../backend/host-values.js';
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

/**
 * Takes mini-batches of a tensor's examples (rows along axis 0), in order or through a
 * shuffled order. On the cpu and wasm backends the rows are copied on the host into a new
 * array and uploaded as one tensor: a batch costs one copy of its own size, where the wasm
 * Gather kernel takes ~30 ns per element (2.5 ms for a 100 x 784 batch). On other backends
 * (webgl) it slices or gathers on the device.
 */
export class BatchTaker {
  private readonly onHost: boolean;
  private readonly rowLength: number;
  private readonly rowShape: number[];

  constructor(private readonly tensor: Tensor) {
    this.onHost = hostValues(tensor) !== undefined;
    this.rowShape = tensor.shape.slice(1);
    this.rowLength = this.rowShape.reduce((a, b) => a * b, 1);
  }

  /** Examples `order[start..start+size)` (or `start..start+size` without an order). The caller owns it. */
  take(range: BatchRange, order: Int32Array | undefined): Tensor {
    const { tensor, rowLength } = this;
    const values = this.onHost ? hostValues(tensor) : undefined;
    if (!values) {
      if (!order) return tf.slice(tensor, [range.start], [range.size]);
      return tf.tidy(() =>
        tf.gather(
          tensor,
          tf.tensor1d(order.subarray(range.start, range.start + range.size), 'int32'),
        ),
      );
    }
    const shape = [range.size, ...this.rowShape];
    if (!order) {
      const from = range.start * rowLength;
      return tf.tensor(values.slice(from, from + range.size * rowLength), shape, tensor.dtype);
    }
    const out = new (values.constructor as new (length: number) => HostValues)(
      range.size * rowLength,
    );
    for (let row = 0; row < range.size; row++) {
      const from = order[range.start + row]! * rowLength;
      out.set(values.subarray(from, from + rowLength), row * rowLength);
    }
    return tf.tensor(out, shape, tensor.dtype);
  }
}
