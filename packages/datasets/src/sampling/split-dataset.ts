import { FaninError, Random, type Seed } from '@fanin/core';
import type { Dataset } from '../dataset.js';
import { subset } from './subset.js';

/** The parts a dataset can be split into, in the order they are taken. */
export const SPLIT_PARTS = ['train', 'validation', 'test'] as const;
export type SplitPart = (typeof SPLIT_PARTS)[number];

/**
 * How to split: each part's size is a fraction of the dataset (a number in (0, 1)) or a count
 * of examples (a whole number >= 1; 0 gives an empty part). Parts left out are not created;
 * examples not assigned to any part are dropped (e.g. 1000 training examples out of 10000).
 */
export interface SplitOptions {
  readonly train: number;
  readonly validation?: number;
  readonly test?: number;
  /** Seed of the shuffle (default 0). The same seed and dataset give the same split everywhere. */
  readonly seed?: Seed;
  /**
   * Keep each class's share in every part (default false): with balanced classes, each
   * class's count in the training part is within 1 of its proportional share, and within 2
   * in the later parts. Like sklearn's `train_test_split(..., stratify=y)`.
   */
  readonly stratify?: boolean;
}

/** The datasets {@link splitDataset} returns: one per part that was asked for. */
export type Splits<O extends SplitOptions = SplitOptions> = {
  readonly train: Dataset;
} & (O extends { readonly validation: number }
  ? { readonly validation: Dataset }
  : { readonly validation?: Dataset }) &
  (O extends { readonly test: number } ? { readonly test: Dataset } : { readonly test?: Dataset });

/**
 * Splits a dataset into disjoint train / validation / test parts, deterministically from
 * `seed`. The parts are new tensors (the source is not disposed); each part is in random
 * order.
 *
 * ```ts
 * const { train, validation, test } = splitDataset(mnist, { train: 0.8, validation: 0.1, test: 0.1, seed: 7 });
 * const small = splitDataset(mnist, { train: 1000, validation: 1000, seed: 0, stratify: true });
 * ```
 *
 * Sizes are turned into counts by rounding cumulative boundaries, so fractions that add up
 * to 1 use every example (0.8 / 0.1 / 0.1 of 10 gives 8 / 1 / 1).
 */
export function splitDataset<const O extends SplitOptions>(data: Dataset, options: O): Splits<O> {
  const total = data.x.shape[0];
  const counts = partCounts(total, options);
  const random = new Random(options.seed ?? 0).fork('splitDataset');
  const order = options.stratify
    ? stratifiedOrder(data.y.dataSync(), data.numClasses, random)
    : random.permutation(total);
  const result: Partial<Record<SplitPart, Dataset>> = {};
  let start = 0;
  for (const [part, count] of counts) {
    const indices = order.slice(start, start + count);
    start += count;
    // A stratified order interleaves the classes regularly; shuffle within the part too.
    const shuffled = random.fork(part).permutation(count);
    result[part] = subset(
      data,
      Array.from(shuffled, (i) => indices[i]!),
    );
  }
  return Object.freeze(result) as Splits<O>;
}

/** Resolves the requested sizes to counts, in part order. */
function partCounts(total: number, options: SplitOptions): Array<[SplitPart, number]> {
  if (options === null || typeof options !== 'object' || options.train === undefined) {
    throw new FaninError(
      'INVALID_SPLIT',
      'splitDataset needs at least { train }',
      'E.g. { train: 0.8, validation: 0.1, test: 0.1 } or { train: 1000, validation: 1000 }',
    );
  }
  const exact: Array<[SplitPart, number, string]> = [];
  for (const part of SPLIT_PARTS) {
    const size = options[part];
    if (size === undefined) continue;
    if (
      typeof size !== 'number' ||
      !Number.isFinite(size) ||
      size < 0 ||
      (size > 1 && !Number.isInteger(size))
    ) {
      throw new FaninError(
        'INVALID_SPLIT',
        `splitDataset: "${part}" must be a fraction in (0, 1) or a whole count of examples, got ${String(size)}`,
      );
    }
    const fraction = size > 0 && size < 1;
    const examples = fraction ? size * total : size;
    const rounded = Math.round(examples * 100) / 100;
    exact.push([
      part,
      examples,
      fraction ? `${part} ${size} x ${total} = ${rounded}` : `${part} ${size}`,
    ]);
  }
  const requested = exact.reduce((sum, [, size]) => sum + size, 0);
  if (requested > total * (1 + 1e-12)) {
    const described = exact.map(([, , text]) => text).join(', ');
    throw new FaninError(
      'INVALID_SPLIT',
      `splitDataset: the parts ask for ${Math.round(requested * 100) / 100} examples (${described}) but the dataset has ${total}`,
      'Use smaller counts or fractions that add up to at most 1',
    );
  }
  const counts: Array<[SplitPart, number]> = [];
  let boundary = 0;
  let cumulative = 0;
  for (const [part, size] of exact) {
    cumulative += size;
    const next = Math.min(total, Math.round(cumulative));
    counts.push([part, next - boundary]);
    boundary = next;
  }
  return counts;
}

/**
 * An order of all examples in which every prefix holds each class in proportion: the j-th
 * of a class's n examples (in random order) gets the key (j + 0.5) / n, and examples are
 * sorted by key, ties broken at random. Any prefix of length m then holds within one example
 * of m * n / N of each class when classes are balanced.
 */
function stratifiedOrder(
  labels: ArrayLike<number>,
  numClasses: number,
  random: Random,
): Int32Array {
  const total = labels.length;
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < total; i++) byClass[labels[i]!]!.push(i);
  const keys = new Float64Array(total);
  const ties = new Float64Array(total);
  byClass.forEach((members, label) => {
    const order = random.fork('class', label).permutation(members.length);
    order.forEach((position, rank) => {
      const index = members[position]!;
      keys[index] = (rank + 0.5) / members.length;
      ties[index] = random.uniform();
    });
  });
  const order = Int32Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => keys[a]! - keys[b]! || ties[a]! - ties[b]! || a - b);
  return order;
}
