import { createRegistry, tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { createDataset, disposeDataset, disposeSplits } from '../dataset.js';
import { datasets } from '../index.js';
import { ChannelStandardize } from '../preprocessing/channel-standardize.js';
import { preprocessSplits } from '../preprocessing/preprocess-splits.js';
import { loadSplits } from '../sampling/load-splits.js';
import { asImages, imageShape } from './image-dataset.js';

/** Mean and population std of all values, in float64. */
function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

describe('imageShape', () => {
  it('adds one channel to [height, width] and keeps [height, width, channels]', () => {
    expect(imageShape([28, 28])).toEqual([28, 28, 1]);
    expect(imageShape([32, 24, 3])).toEqual([32, 24, 3]);
  });

  it('refuses flat rows and four axes, saying what an image shape is', () => {
    expect(() => imageShape([784])).toThrow(
      'exampleShape [784] is not an image: expected [height, width] or [height, width, channels]',
    );
    expect(() => imageShape([2, 2, 2, 2])).toThrow('is not an image');
  });
});

describe.each(TEST_BACKENDS)('images on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('asImages puts feature (h * width + w) * channels + c at [n, h, w, c], sharing the data', () => {
    // 2 examples of 2 x 3 pixels with 2 channels: feature f of example n is 100 n + f.
    const values = Float32Array.from({ length: 24 }, (_, i) => 100 * Math.floor(i / 12) + (i % 12));
    const flat = createDataset({
      x: tf.tensor2d(values, [2, 12]),
      y: tf.tensor1d([0, 1], 'int32'),
      exampleShape: [2, 3, 2],
    });
    const before = liveTensors();
    const images = asImages(flat);
    expect(images.x.shape).toEqual([2, 2, 3, 2]);
    expect(images.exampleShape).toEqual([2, 3, 2]);
    expect(images.numClasses).toBe(2);
    const pixels = images.x.arraySync();
    for (const [n, h, w, c] of [
      [0, 0, 0, 0],
      [0, 1, 2, 1],
      [1, 0, 1, 1],
      [1, 1, 0, 0],
    ] as const)
      expect(pixels[n]![h]![w]![c]).toBe(100 * n + (h * 3 + w) * 2 + c);
    expect(liveTensors()).toBe(before + 2);
    // Independent handles: the images outlive the flat dataset.
    disposeDataset(flat);
    expect(Array.from(images.y.dataSync())).toEqual([0, 1]);
    expect(images.x.dataSync()[23]).toBe(111);
    disposeDataset(images);
    expect(liveTensors()).toBe(before - 2);
  });

  it('asImages refuses a dataset that is already images or has no image shape', () => {
    const flat = createDataset({ x: tf.zeros([2, 4]), y: tf.tensor1d([0, 1], 'int32') });
    expect(() => asImages(flat)).toThrow('exampleShape [4] is not an image');
    const images = asImages({ ...flat, exampleShape: [2, 2] });
    expect(() => asImages(images as never)).toThrow(
      'asImages: expected a dataset of flat rows x [examples, features], got x [2, 2, 2, 1]',
    );
    disposeDataset(flat, images);
  });

  it('loadSplits serves MNIST as [N, 28, 28, 1] with the same seeded split as the flat rows', async () => {
    const fanin = createRegistry({ plugins: [datasets] });
    const before = liveTensors();
    const split = { train: 300, validation: 100, seed: 4, stratify: true } as const;
    expect(fanin.dataset('mnist').exampleShape).toEqual([28, 28]);
    const flat = await loadSplits(fanin.dataset('mnist'), split);
    const images = await loadSplits(fanin.dataset('mnist'), { ...split, shape: 'image' });
    expect(images.train.x.shape).toEqual([300, 28, 28, 1]);
    expect(images.validation.x.shape).toEqual([100, 28, 28, 1]);
    expect(images.train.exampleShape).toEqual([28, 28, 1]);
    expect(images.train.x.dataSync()).toEqual(flat.train.x.dataSync());
    expect(images.validation.x.dataSync()).toEqual(flat.validation.x.dataSync());
    expect(images.train.y.dataSync()).toEqual(flat.train.y.dataSync());
    // Row-major: feature f of example 5 is the pixel at row floor(f / 28), column f % 28.
    const row = flat.train.x.arraySync()[5]!;
    const inked = row.findIndex((value, f) => value > 0 && f % 28 !== Math.floor(f / 28));
    const [h, w] = [Math.floor(inked / 28), inked % 28];
    const image = images.train.x.arraySync()[5]!;
    expect(image[h]![w]![0]).toBe(row[inked]);
    expect(image[w]![h]![0]).not.toBe(row[inked]);
    disposeSplits(flat);
    disposeSplits(images);
    expect(liveTensors()).toBe(before);
    await expect(
      loadSplits(fanin.dataset('spiral'), { train: 10, shape: 'image' }),
    ).rejects.toThrow('exampleShape [2] is not an image');
    expect(liveTensors()).toBe(before);
    await expect(
      loadSplits(fanin.dataset('spiral'), { train: 10, shape: 'picture' as never }),
    ).rejects.toThrow('loadSplits: option "shape" must be "flat" or "image", got "picture"');
  });

  it('standardizes per channel on the training split, then gives images equal to the flat rows', async () => {
    const fanin = createRegistry({ plugins: [datasets] });
    const raw = await loadSplits(fanin.dataset('mnist'), { train: 500, test: 200, seed: 1 });
    const standardize = new ChannelStandardize({ channels: imageShape(raw.train.exampleShape)[2] });
    const flat = preprocessSplits(raw, standardize);
    const train = asImages(flat.train);
    const test = asImages(flat.test);
    expect(train.x.dataSync()).toEqual(flat.train.x.dataSync());
    const trainStats = meanAndStd(train.x.dataSync());
    const testMean = meanAndStd(test.x.dataSync()).mean;
    expect(Math.abs(trainStats.mean)).toBeLessThan(1e-6);
    expect(Math.abs(trainStats.std - 1)).toBeLessThan(1e-5);
    // The test split uses the training statistics, so its own mean is near 0 but not 0.
    expect(Math.abs(testMean)).toBeLessThan(0.1);
    expect(Math.abs(testMean)).toBeGreaterThan(1e-5);
    const testRaw = raw.test.x.dataSync();
    const { mean, variance } = standardize.state;
    const expected = (testRaw[300]! - mean[0]!) / Math.sqrt(variance[0]! + 1e-8);
    expect(test.x.dataSync()[300]).toBeCloseTo(expected, 5);
    disposeSplits(raw);
    disposeSplits(flat);
    disposeDataset(train, test);
  });
});
