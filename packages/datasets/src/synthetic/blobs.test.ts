import { createRegistry, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { disposeDataset, labelCounts } from '../dataset.js';
import { datasets } from '../index.js';
import { blobCenters, makeBlobs } from './blobs.js';

describe.each(TEST_BACKENDS)('makeBlobs on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('draws each class around its center with the given std', () => {
    const centers = [
      [5, 0, -3],
      [-5, 2, 1],
    ];
    const data = makeBlobs({ centers, pointsPerClass: 4000, std: 0.5, seed: 1 });
    expect(data.x.shape).toEqual([8000, 3]);
    expect(labelCounts(data)).toEqual([4000, 4000]);
    const [means, stds] = tf.tidy(() => {
      const first = data.x.slice([0, 0], [4000, 3]);
      const moments = tf.moments(first, 0);
      return [moments.mean.dataSync(), tf.sqrt(moments.variance).dataSync()];
    });
    // Standard error of a mean of 4000 draws with std 0.5 is 0.008; of a std, 0.0056.
    expect(
      Math.max(...Array.from(means, (mean, j) => Math.abs(mean - centers[0]![j]!))),
    ).toBeLessThan(0.04);
    expect(Math.max(...Array.from(stds, (std) => Math.abs(std - 0.5)))).toBeLessThan(0.03);
    disposeDataset(data);
  });

  it('draws random centers in [-spread, spread]^dimension, from the seed', () => {
    const centers = blobCenters({ classes: 6, dimension: 4, spread: 2, seed: 5 });
    expect(centers).toHaveLength(6);
    for (const center of centers) {
      expect(center).toHaveLength(4);
      for (const value of center) expect(Math.abs(value)).toBeLessThanOrEqual(2);
    }
    expect(blobCenters({ classes: 6, dimension: 4, spread: 2, seed: 5 })).toEqual(centers);
    expect(blobCenters({ classes: 6, dimension: 4, spread: 2, seed: 6 })).not.toEqual(centers);
    const data = makeBlobs({ classes: 6, dimension: 4, spread: 2, seed: 5, pointsPerClass: 3 });
    expect(data.x.shape).toEqual([18, 4]);
    expect(data.numClasses).toBe(6);
    disposeDataset(data);
  });

  it('is deterministic by seed', () => {
    const a = makeBlobs({ seed: 2 });
    const b = makeBlobs({ seed: 2 });
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    disposeDataset(a, b);
  });

  it('rejects centers of different lengths', () => {
    expect(() => makeBlobs({ centers: [[0, 0], [1]] })).toThrow(
      'dataset "blobs": option "centers" must be centers that all have the same number of coordinates',
    );
    expect(() => makeBlobs({ std: -1 })).toThrow('option "std" must be a number >= 0, got -1');
  });

  it('is the registry entry "blobs"', async () => {
    const fanin = createRegistry({ plugins: [datasets] });
    const source = fanin.create('dataset', {
      type: 'blobs',
      centers: [[0, 0, 0, 0, 0]],
      pointsPerClass: 7,
    });
    expect(source).toMatchObject({ examples: 7, features: 5, classes: 1 });
    const data = await source.load();
    expect(data.x.shape).toEqual([7, 5]);
    disposeDataset(data);
  });
});
