import { defineEntry, type InputOptions, option, Random, ready, resolveOptions } from '@fanin/core';
import { type Dataset, datasetFromArrays } from '../dataset.js';

/** Options of {@link makeXor} and the `xor` dataset entry. */
export const xorOptions = {
  pointsPerClass: option.integer({
    description: 'Points per class, split between its two corners',
    default: 100,
    min: 1,
  }),
  std: option.number({
    description:
      'Standard deviation of the Gaussian cloud around each corner (0 gives the four classic points)',
    default: 0.3,
    min: 0,
  }),
  seed: option.integer({ description: 'Seed of the points', default: 0, min: 0 }),
} as const;

export type XorOptions = InputOptions<typeof xorOptions>;

/** The corners of each class: class 0 where the signs agree, class 1 where they differ. */
const CORNERS = [
  [
    [1, 1],
    [-1, -1],
  ],
  [
    [1, -1],
    [-1, 1],
  ],
] as const;

/**
 * The XOR problem in 2-D: Gaussian clouds around the corners (±1, ±1), labelled
 * `(x0 > 0) xor (x1 > 0)` of their corner: class 0 around (1, 1) and (-1, -1), class 1
 * around (1, -1) and (-1, 1). The smallest problem no linear model solves (Minsky and Papert);
 * one hidden layer does. With the default std 0.3, about 0.1% of points fall across an axis.
 *
 * Examples are grouped by class, each class by corner; x is `[2 * pointsPerClass, 2]`.
 */
export function makeXor(options: XorOptions = {}): Dataset {
  const { pointsPerClass, std, seed } = resolveOptions(xorOptions, options, 'dataset "xor"');
  const random = new Random(seed).fork('xor');
  const x = new Float32Array(4 * pointsPerClass);
  const y = new Int32Array(2 * pointsPerClass);
  const firstCorner = Math.ceil(pointsPerClass / 2);
  CORNERS.forEach((corners, label) => {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = label * pointsPerClass + i;
      const corner = corners[i < firstCorner ? 0 : 1];
      x[2 * row] = corner[0] + std * random.normal();
      x[2 * row + 1] = corner[1] + std * random.normal();
      y[row] = label;
    }
  });
  return datasetFromArrays(x, y, { numClasses: 2, exampleShape: [2] });
}

/** The `xor` dataset entry: see {@link makeXor}. */
export const xor = defineEntry('dataset', {
  description: 'Gaussian clouds at the corners (±1, ±1), labelled by the XOR of the signs',
  options: xorOptions,
  metadata: {
    task: 'classification',
    synthetic: true,
    exampleShape: [2],
    reference: 'Minsky and Papert, Perceptrons (1969)',
  },
  create: (options, { name }) => ({
    name,
    config: { type: name, ...options },
    examples: 2 * options.pointsPerClass,
    features: 2,
    classes: 2,
    load: async () => {
      await ready();
      return makeXor(options);
    },
  }),
});
