import { createRegistry, tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { disposeDataset, labelCounts } from '../dataset.js';
import { datasets } from '../index.js';
import { loadMnist, MNIST_EXAMPLES } from './load-mnist.js';

const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe.each(TEST_BACKENDS)('loadMnist on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('returns 10000 flattened 28 x 28 digits in [0, 1] with int32 labels grouped by digit', async () => {
    const data = await loadMnist();
    expect(data.x.shape).toEqual([MNIST_EXAMPLES, 784]);
    expect(data.x.dtype).toBe('float32');
    expect(data.y.shape).toEqual([MNIST_EXAMPLES]);
    expect(data.y.dtype).toBe('int32');
    expect(data.numClasses).toBe(10);
    expect(data.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(data.exampleShape).toEqual([28, 28]);
    expect(labelCounts(data)).toEqual(PACKAGE_COUNTS);
    const labels = data.y.dataSync();
    for (let i = 1; i < labels.length; i++) expect(labels[i]! >= labels[i - 1]!).toBe(true);
    disposeDataset(data);
  });

  it('gives exact 8-bit grey levels (k / 255), like the IDX files', async () => {
    const data = await loadMnist();
    const x = data.x.dataSync();
    let minimum = Number.POSITIVE_INFINITY;
    let maximum = Number.NEGATIVE_INFINITY;
    let offGrid = 0;
    let nonZero = 0;
    for (let i = 0; i < x.length; i++) {
      const value = x[i]!;
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
      if (Math.fround(Math.round(value * 255) / 255) !== value) offGrid++;
      if (value > 0) nonZero++;
    }
    expect(minimum).toBe(0);
    expect(maximum).toBe(1);
    expect(offGrid).toBe(0);
    // About a fifth of MNIST's pixels are ink.
    expect(nonZero / x.length).toBeGreaterThan(0.15);
    expect(nonZero / x.length).toBeLessThan(0.25);
    // The mean image is brightest in the middle, dark in the corners.
    const mean = tf.tidy(() => tf.mean(data.x, 0).dataSync());
    expect(mean[0]).toBe(0);
    expect(mean[14 * 28 + 14]!).toBeGreaterThan(0.3);
    disposeDataset(data);
  });

  it('returns new tensors on every call, from the cached pixels', async () => {
    const before = liveTensors();
    const first = await loadMnist();
    const second = await loadMnist();
    expect(first.x).not.toBe(second.x);
    first.x.dispose();
    const row = tf.tidy(() => second.x.slice([5000, 0], [1, 784]).dataSync());
    expect(Array.from(row).some((v) => v > 0)).toBe(true);
    disposeDataset(first, second);
    expect(liveTensors()).toBe(before);
  });

  it('is the registry entry "mnist"', async () => {
    const fanin = createRegistry({ plugins: [datasets] });
    const source = fanin.dataset('mnist');
    expect(source).toMatchObject({
      name: 'mnist',
      config: { type: 'mnist' },
      examples: 10000,
      features: 784,
      classes: 10,
    });
    const data = await source.load();
    expect(data.x.shape).toEqual([source.examples, source.features]);
    disposeDataset(data);
    expect(fanin.info('dataset', 'mnist').metadata).toMatchObject({
      synthetic: false,
      exampleShape: [28, 28],
    });
  });
});
