import { Random, type Tensor, tf } from '@fanin/core';
import type { MlpData, MlpSpec } from './reference-mlp.js';

/** One mini-batch and whether the step must dispose it. */
export interface Batch {
  readonly x: Tensor;
  readonly y: Tensor;
  readonly owned: boolean;
}

/** Where a hand-written loop takes its batches from. */
export interface BatchSource {
  next(): Batch;
  dispose(): void;
}

/** The set's consecutive batches, sliced once, in order (no per-step work). */
export function presliced(data: MlpData): BatchSource {
  let index = 0;
  return {
    next: () => ({ ...data.batches[index++ % data.batches.length]!, owned: false }),
    dispose: () => {},
  };
}

/** A seeded shuffled order of the examples, renewed every epoch. */
function shuffledOrder(spec: MlpSpec): () => Int32Array {
  const count = spec.batchSize * spec.batchesPerEpoch;
  const random = new Random(spec.seed).fork('bench', 'shuffle');
  let order = Int32Array.from(random.permutation(count));
  let position = 0;
  return () => {
    if (position + spec.batchSize > count) {
      order = Int32Array.from(random.permutation(count));
      position = 0;
    }
    const rows = order.subarray(position, position + spec.batchSize);
    position += spec.batchSize;
    return rows;
  };
}

/** Shuffled batches gathered on the backend every step (`tf.gather`), as `fit` takes them. */
export function gathered(data: MlpData, spec: MlpSpec): BatchSource {
  const next = shuffledOrder(spec);
  return {
    next() {
      const indices = tf.tensor1d(next(), 'int32');
      const batch = { x: tf.gather(data.x, indices), y: tf.gather(data.y, indices), owned: true };
      indices.dispose();
      return batch;
    },
    dispose: () => {},
  };
}

/**
 * Shuffled batches copied row by row from a host copy of the set (read once) and uploaded:
 * the same batches as `gathered` without a gather kernel.
 */
export function hostCopied(data: MlpData, spec: MlpSpec): BatchSource {
  const next = shuffledOrder(spec);
  const xs = data.x.dataSync() as Float32Array;
  const ys = data.y.dataSync() as Float32Array;
  const xWidth = data.x.shape[1]!;
  const yWidth = data.y.shape[1]!;
  const rows = (values: Float32Array, width: number, order: Int32Array) => {
    const out = new Float32Array(order.length * width);
    for (let r = 0; r < order.length; r++) {
      const start = order[r]! * width;
      out.set(values.subarray(start, start + width), r * width);
    }
    return tf.tensor2d(out, [order.length, width]);
  };
  return {
    next() {
      const order = next();
      return { x: rows(xs, xWidth, order), y: rows(ys, yWidth, order), owned: true };
    },
    dispose: () => {},
  };
}
