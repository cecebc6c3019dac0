import { FaninError, Random, type Seed, tf } from '@fanin/core';

/** Options of {@link batches} and {@link epochOrder}. */
export interface BatchOptions {
  /** Examples per batch (the last batch may be smaller unless `dropRemainder`). */
  readonly batchSize: number;
  /** Visit the examples in a random order (default true). */
  readonly shuffle?: boolean;
  /** Seed of the order (default 0). */
  readonly seed?: Seed;
  /**
   * Zero-based epoch (default 0). The order depends only on `seed` and `epoch`, so epoch 7
   * of a resumed run sees the same batches as epoch 7 of an uninterrupted one.
   */
  readonly epoch?: number;
  /** Skip the last, smaller batch (default false), as Keras's `drop_remainder`/PyTorch's `drop_last`. */
  readonly dropRemainder?: boolean;
}

/** One batch: rows of `x` and `y` taken together. Valid until the loop moves on. */
export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
  /** Zero-based batch number within the epoch. */
  readonly index: number;
  /** Number of examples in this batch. */
  readonly size: number;
}

/**
 * The order in which an epoch visits `size` examples: `0..size-1` without shuffling, else a
 * permutation drawn from a stream forked from `seed` by the epoch number.
 */
export function epochOrder(
  size: number,
  options: Pick<BatchOptions, 'shuffle' | 'seed' | 'epoch'> = {},
): Int32Array {
  const epoch = options.epoch ?? 0;
  if (!Number.isInteger(epoch) || epoch < 0)
    throw new FaninError(
      'INVALID_OPTION',
      `batches: "epoch" must be a whole number >= 0, got ${epoch}`,
    );
  if (options.shuffle === false) return Int32Array.from({ length: size }, (_, i) => i);
  return new Random(options.seed ?? 0).fork('batches', epoch).permutation(size);
}

/** How many batches an epoch of `size` examples has. */
export function batchCount(size: number, batchSize: number, dropRemainder = false): number {
  return dropRemainder ? Math.floor(size / batchSize) : Math.ceil(size / batchSize);
}

/**
 * Yields the batches of one epoch, for training loops of your own (core's `fit` batches and
 * shuffles by itself). Any `{ x, y }` works: integer labels, one-hot rows, regression targets.
 *
 * Each batch's tensors are disposed when the loop asks for the next batch, and also when it
 * ends early (`break`, `return`, an exception): a plain `for...of` loop leaks nothing. Clone
 * (`tf.clone`) whatever must outlive its iteration.
 *
 * ```ts
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const { x, y } of batches(train, { batchSize: 32, seed: 1, epoch })) {
 *     optimizer.minimize(() => loss.compute(model.apply(x, { training: true }), y));
 *   }
 * }
 * ```
 */
export function batches(
  data: { readonly x: tf.Tensor; readonly y: tf.Tensor },
  options: BatchOptions,
): Generator<Batch, void, undefined> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new FaninError(
      'INVALID_OPTION',
      `batches: "batchSize" must be a whole number >= 1, got ${String(batchSize)}`,
    );
  }
  const size = data.x.shape[0] ?? 0;
  if (data.y.shape[0] !== size) {
    throw new FaninError(
      'SHAPE_MISMATCH',
      `batches: x has ${size} examples but y has ${data.y.shape[0]}`,
    );
  }
  const shuffle = options.shuffle ?? true;
  const order = epochOrder(size, options);
  const count = batchCount(size, batchSize, options.dropRemainder);
  return iterate(data, order, { batchSize, shuffle, count, size });
}

// Checked eagerly by batches() so that a bad option throws at the call, not at the first step.
function* iterate(
  data: { readonly x: tf.Tensor; readonly y: tf.Tensor },
  order: Int32Array,
  {
    batchSize,
    shuffle,
    count,
    size,
  }: { batchSize: number; shuffle: boolean; count: number; size: number },
): Generator<Batch, void, undefined> {
  for (let index = 0; index < count; index++) {
    const start = index * batchSize;
    const end = Math.min(size, start + batchSize);
    const [x, y] = tf.tidy(() => {
      if (!shuffle)
        return [tf.slice(data.x, start, end - start), tf.slice(data.y, start, end - start)];
      const rows = tf.tensor1d(order.subarray(start, end), 'int32');
      return [tf.gather(data.x, rows), tf.gather(data.y, rows)];
    });
    try {
      yield { x, y, index, size: end - start };
    } finally {
      x.dispose();
      y.dispose();
    }
  }
}
