import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { disposeDataset } from '../dataset.js';
import { encodeIdx } from './encode-idx.js';
import { FASHION_MNIST_CLASS_NAMES } from './fashion-mnist.js';
import { datasetFromIdx } from './idx-dataset.js';
import { loadIdxFiles } from './load-idx-files.js';

// Three 2 x 2 "images" with known pixels, and their labels, written as IDX files in a temp dir.
const PIXELS = [0, 255, 51, 102, 255, 255, 0, 0, 1, 2, 3, 4];
const images = encodeIdx({ type: 'uint8', shape: [3, 2, 2], data: Uint8Array.from(PIXELS) });
const labels = encodeIdx({ type: 'uint8', shape: [3], data: Uint8Array.from([9, 0, 4]) });

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fanin-idx-'));
  await writeFile(join(directory, 'images-idx3-ubyte'), images);
  await writeFile(join(directory, 'labels-idx1-ubyte'), labels);
  await writeFile(join(directory, 'images-idx3-ubyte.gz'), gzipSync(images));
  await writeFile(join(directory, 'labels-idx1-ubyte.gz'), gzipSync(labels));
  await writeFile(join(directory, 'truncated-idx3-ubyte.gz'), gzipSync(images).subarray(0, 20));
  await writeFile(
    join(directory, 'short-labels-idx1-ubyte'),
    encodeIdx({ type: 'uint8', shape: [2], data: Uint8Array.from([1, 2]) }),
  );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe.each(TEST_BACKENDS)('IDX datasets on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it.each(['', '.gz'])(
    'loads an images/labels pair of files%s into a dataset scaled to [0, 1]',
    async (suffix) => {
      const data = await loadIdxFiles({
        images: join(directory, `images-idx3-ubyte${suffix}`),
        labels: join(directory, `labels-idx1-ubyte${suffix}`),
      });
      expect(data.x.shape).toEqual([3, 4]);
      expect(data.exampleShape).toEqual([2, 2]);
      expect(Array.from(data.x.dataSync())).toEqual(PIXELS.map((p) => Math.fround(p / 255)));
      expect(Array.from(data.y.dataSync())).toEqual([9, 0, 4]);
      expect(data.numClasses).toBe(10);
      disposeDataset(data);
    },
  );

  it('takes class names (Fashion-MNIST) and in-memory bytes', () => {
    const before = liveTensors();
    const data = datasetFromIdx({
      images,
      labels: labels.buffer as ArrayBuffer,
      classNames: FASHION_MNIST_CLASS_NAMES,
    });
    expect(data.classNames[9]).toBe('Ankle boot');
    expect(data.numClasses).toBe(10);
    disposeDataset(data);
    expect(liveTensors()).toBe(before);
  });

  it('keeps non-uint8 images as they are', () => {
    const floats = encodeIdx({
      type: 'float32',
      shape: [2, 3],
      data: Float32Array.from([0.5, -2, 7, 1, 2, 3]),
    });
    const data = datasetFromIdx({
      images: floats,
      labels: encodeIdx({ type: 'uint8', shape: [2], data: Uint8Array.from([0, 1]) }),
    });
    expect(Array.from(data.x.dataSync())).toEqual([0.5, -2, 7, 1, 2, 3]);
    expect(data.exampleShape).toEqual([3]);
    disposeDataset(data);
  });

  it('explains mismatched, swapped, truncated and missing files', async () => {
    await expect(
      loadIdxFiles({
        images: join(directory, 'images-idx3-ubyte'),
        labels: join(directory, 'short-labels-idx1-ubyte'),
      }),
    ).rejects.toThrow(
      'labels: 2 labels for 3 images. Pair the images file with its own labels file',
    );
    expect(() => datasetFromIdx({ images: labels, labels: images })).toThrow(
      'images: expected at least 2 dimensions [examples, ...], got shape [3]. Did you swap images and labels?',
    );
    await expect(
      loadIdxFiles({
        images: join(directory, 'truncated-idx3-ubyte.gz'),
        labels: join(directory, 'labels-idx1-ubyte'),
      }),
    ).rejects.toThrow(
      /truncated-idx3-ubyte\.gz: cannot decompress it \(.+\)\. The \.gz file is damaged or incomplete/,
    );
    await expect(
      loadIdxFiles({
        images: join(directory, 'missing-idx3-ubyte'),
        labels: join(directory, 'labels-idx1-ubyte'),
      }),
    ).rejects.toThrow(/missing-idx3-ubyte: cannot read the file \(ENOENT/);
  });
});
