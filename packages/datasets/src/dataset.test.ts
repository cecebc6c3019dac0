import { tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataset, datasetSize, disposeDataset, labelCounts } from './dataset.js';

describe('createDataset', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('wraps x and y without copying and fills in the class information', () => {
    const x = tf.tensor2d([[1], [2], [3]]);
    const y = tf.tensor1d([0, 2, 2], 'int32');
    const data = createDataset({ x, y });
    expect(data.x).toBe(x);
    expect(data.numClasses).toBe(3);
    expect(data.classNames).toEqual(['0', '1', '2']);
    expect(data.exampleShape).toEqual([1]);
    expect(datasetSize(data)).toBe(3);
    expect(labelCounts(data)).toEqual([1, 0, 2]);
    const before = liveTensors();
    disposeDataset(data, undefined);
    expect(liveTensors()).toBe(before - 2);
  });

  it('explains tensors of the wrong rank, type, length or labels', () => {
    const x = tf.tensor2d([[1], [2]]);
    const images = tf.zeros([2, 2, 2]);
    const labels = tf.tensor1d([0, 1], 'int32');
    const floats = tf.tensor1d([0, 1]);
    const short = tf.tensor1d([0], 'int32');
    const negative = tf.tensor1d([0, -1], 'int32');
    expect(() => createDataset({ x: images, y: labels })).toThrow(
      'createDataset: x must be 2-D [examples, features], got shape [2, 2, 2]. Flatten each example: x.reshape([n, -1])',
    );
    expect(() => createDataset({ x, y: floats })).toThrow(
      'createDataset: y must be int32 class indices, got float32',
    );
    expect(() => createDataset({ x, y: short })).toThrow(
      'createDataset: x has 2 examples but y has 1 labels',
    );
    expect(() => createDataset({ x, y: negative })).toThrow(
      'createDataset: label -1 at index 1 is negative',
    );
    expect(() => createDataset({ x, y: labels, numClasses: 1 })).toThrow(
      'createDataset: label 1 is out of range for 1 classes',
    );
    expect(() =>
      createDataset({ x, y: labels, classNames: ['a', 'b', 'c'], numClasses: 2 }),
    ).toThrow('createDataset: 3 class names for 2 classes');
    expect(() => createDataset({ x, y: labels, exampleShape: [2] })).toThrow(
      'createDataset: exampleShape [2] does not hold 1 features',
    );
    tf.dispose([x, images, labels, floats, short, negative]);
  });
});
