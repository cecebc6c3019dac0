import {
  defineEntry,
  type InputOptions,
  InvalidOptionError,
  option,
  Random,
  ready,
  resolveOptions,
} from '@fanin/core';
import { type Dataset, datasetFromArrays } from '../dataset.js';

/** Options of {@link makeBlobs} and the `blobs` dataset entry. */
export const blobsOptions = {
  classes: option.integer({
    description: 'Number of blobs (classes) when centers are drawn at random',
    default: 3,
    min: 1,
  }),
  pointsPerClass: option.integer({
    description: 'Points drawn around each center',
    default: 100,
    min: 1,
  }),
  dimension: option.integer({
    description: 'Number of features when centers are drawn at random',
    default: 2,
    min: 1,
  }),
  std: option.number({
    description: 'Standard deviation of each blob, the same along every axis',
    default: 1,
    min: 0,
  }),
  spread: option.number({
    description: 'Random centers are uniform in [-spread, spread] along each axis',
    default: 10,
    min: 0,
  }),
  centers: option.array(
    option.array(option.number({ description: 'A coordinate' }), {
      description: 'A center',
      minItems: 1,
    }),
    {
      description: 'Explicit centers, one per class (overrides classes, dimension and spread)',
      optional: true,
      minItems: 1,
    },
  ),
  seed: option.integer({ description: 'Seed of the centers and the points', default: 0, min: 0 }),
} as const;

export type BlobsOptions = InputOptions<typeof blobsOptions>;

/** The centers a blobs configuration uses: the explicit ones, or uniform draws from the seed. */
export function blobCenters(options: BlobsOptions = {}): number[][] {
  const resolved = resolveOptions(blobsOptions, options, 'dataset "blobs"');
  if (resolved.centers) {
    const width = resolved.centers[0]!.length;
    if (resolved.centers.some((center) => center.length !== width)) {
      throw new InvalidOptionError(
        'dataset "blobs"',
        'centers',
        'centers that all have the same number of coordinates',
        resolved.centers,
      );
    }
    return resolved.centers.map((center) => [...center]);
  }
  const random = new Random(resolved.seed).fork('blobs', 'centers');
  return Array.from({ length: resolved.classes }, () =>
    Array.from({ length: resolved.dimension }, () =>
      random.uniformIn(-resolved.spread, resolved.spread),
    ),
  );
}

/**
 * Isotropic Gaussian blobs, one per class (sklearn's `make_blobs`): class k's points are
 * center_k + std * N(0, I). Centers are given or drawn uniformly in the box
 * [-spread, spread]^dimension. With std small relative to the distance between centers the
 * classes are linearly separable.
 *
 * Examples are grouped by class; x is `[centers * pointsPerClass, dimension]`.
 */
export function makeBlobs(options: BlobsOptions = {}): Dataset {
  const { pointsPerClass, std, seed } = resolveOptions(blobsOptions, options, 'dataset "blobs"');
  const centers = blobCenters(options);
  const dimension = centers[0]!.length;
  const random = new Random(seed).fork('blobs', 'points');
  const total = centers.length * pointsPerClass;
  const x = new Float32Array(total * dimension);
  const y = new Int32Array(total);
  centers.forEach((center, k) => {
    for (let i = 0; i < pointsPerClass; i++) {
      const row = k * pointsPerClass + i;
      for (let j = 0; j < dimension; j++)
        x[row * dimension + j] = center[j]! + std * random.normal();
      y[row] = k;
    }
  });
  return datasetFromArrays(x, y, { numClasses: centers.length, exampleShape: [dimension] });
}

/** The `blobs` dataset entry: see {@link makeBlobs}. */
export const blobs = defineEntry('dataset', {
  description: 'Isotropic Gaussian blobs, one class per center (sklearn make_blobs)',
  options: blobsOptions,
  metadata: {
    task: 'classification',
    synthetic: true,
    reference: 'https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_blobs.html',
  },
  create: (options, { name }) => {
    const centers = blobCenters(options);
    return {
      name,
      config: { type: name, ...options },
      examples: centers.length * options.pointsPerClass,
      features: centers[0]!.length,
      classes: centers.length,
      load: async () => {
        await ready();
        return makeBlobs(options);
      },
    };
  },
});
