import { tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { createDataset, disposeSplits } from '../dataset.js';
import { Pca } from './pca.js';
import { preprocessSplits } from './preprocess-splits.js';
import { ZeroCenter } from './zero-center.js';

describe.each(TEST_BACKENDS)('preprocessSplits on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  const splits = () => ({
    train: createDataset({
      x: tf.tensor2d([
        [0, 0],
        [2, 4],
      ]),
      y: tf.tensor1d([0, 1], 'int32'),
    }),
    test: createDataset({ x: tf.tensor2d([[10, 10]]), y: tf.tensor1d([1], 'int32') }),
  });

  it('fits on the training part only and transforms every part', () => {
    const input = splits();
    const before = liveTensors();
    const center = new ZeroCenter();
    const out = preprocessSplits(input, center);
    expect(center.state.mean).toEqual([1, 2]);
    expect(Array.from(out.test.x.dataSync())).toEqual([9, 8]);
    expect(Array.from(out.train.x.dataSync())).toEqual([-1, -2, 1, 2]);
    expect(Array.from(out.test.y.dataSync())).toEqual([1]);
    // New tensors: the inputs can be disposed independently.
    expect(liveTensors()).toBe(before + 4);
    disposeSplits(input);
    expect(Array.from(out.train.y.dataSync())).toEqual([0, 1]);
    disposeSplits(out);
    expect(liveTensors()).toBe(before - 4);
  });

  it('records the new width when a transform reduces the features', () => {
    const input = splits();
    const out = preprocessSplits(input, new Pca({ components: 1 }));
    expect(out.train.x.shape).toEqual([2, 1]);
    expect(out.test.exampleShape).toEqual([1]);
    disposeSplits(input);
    disposeSplits(out);
  });
});
