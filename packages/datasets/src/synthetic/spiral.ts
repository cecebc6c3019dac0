import { defineEntry, type InputOptions, option, Random, ready, resolveOptions } from '@fanin/core';
import { type Dataset, datasetFromArrays } from '../dataset.js';

/** Options of {@link makeSpiral} and the `spiral` dataset entry. */
export const spiralOptions = {
  classes: option.integer({ description: 'Number of spiral arms (classes)', default: 3, min: 2 }),
  pointsPerClass: option.integer({ description: 'Points on each arm', default: 100, min: 1 }),
  noise: option.number({
    description: 'Standard deviation of the Gaussian noise added to each angle, in radians',
    default: 0.2,
    min: 0,
  }),
  seed: option.integer({ description: 'Seed of the noise', default: 0, min: 0 }),
} as const;

export type SpiralOptions = InputOptions<typeof spiralOptions>;

/**
 * Interleaved spiral arms in 2-D, the toy set of Stanford's CS231n notes: arm k has points
 * at radius r = i / (n - 1) in [0, 1] and angle t = 4k + 4r + N(0, noise²), placed at
 * (r sin t, r cos t). Not linearly separable, so a linear classifier stays near 1/classes
 * accuracy while a small MLP with one hidden layer separates the arms: a quick check that a
 * network trains.
 *
 * Examples are grouped by class (arm 0 first); x is `[classes * pointsPerClass, 2]`.
 */
export function makeSpiral(options: SpiralOptions = {}): Dataset {
  const { classes, pointsPerClass, noise, seed } = resolveOptions(
    spiralOptions,
    options,
    'dataset "spiral"',
  );
  const random = new Random(seed).fork('spiral');
  const total = classes * pointsPerClass;
  const x = new Float32Array(total * 2);
  const y = new Int32Array(total);
  for (let k = 0; k < classes; k++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = k * pointsPerClass + i;
      const radius = pointsPerClass === 1 ? 0 : i / (pointsPerClass - 1);
      const angle = 4 * k + 4 * radius + noise * random.normal();
      x[2 * row] = radius * Math.sin(angle);
      x[2 * row + 1] = radius * Math.cos(angle);
      y[row] = k;
    }
  }
  return datasetFromArrays(x, y, { numClasses: classes, exampleShape: [2] });
}

/** The `spiral` dataset entry: see {@link makeSpiral}. */
export const spiral = defineEntry('dataset', {
  description: 'Interleaved 2-D spiral arms, one class per arm (CS231n); not linearly separable',
  options: spiralOptions,
  metadata: {
    task: 'classification',
    synthetic: true,
    exampleShape: [2],
    reference: 'https://cs231n.github.io/neural-networks-case-study/',
  },
  create: (options, { name }) => ({
    name,
    config: { type: name, ...options },
    examples: options.classes * options.pointsPerClass,
    features: 2,
    classes: options.classes,
    load: async () => {
      await ready();
      return makeSpiral(options);
    },
  }),
});
