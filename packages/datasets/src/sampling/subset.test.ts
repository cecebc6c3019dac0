import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { createDataset, disposeDataset } from '../dataset.js';
import { shuffleDataset } from './shuffle-dataset.js';
import { subset } from './subset.js';

describe.each(TEST_BACKENDS)('subset and shuffleDataset on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  const make = () =>
    createDataset({
      x: tf.tensor2d([[0], [10], [20], [30]]),
      y: tf.tensor1d([0, 1, 2, 1], 'int32'),
      classNames: ['a', 'b', 'c'],
    });

  it('takes rows in the given order, keeping the class information', () => {
    const data = make();
    const part = subset(data, [3, 0, 3]);
    expect(Array.from(part.x.dataSync())).toEqual([30, 0, 30]);
    expect(Array.from(part.y.dataSync())).toEqual([1, 0, 1]);
    expect(part.classNames).toEqual(['a', 'b', 'c']);
    disposeDataset(part);
    // The source is untouched and still usable.
    expect(Array.from(data.y.dataSync())).toEqual([0, 1, 2, 1]);
    expect(() => subset(data, [4])).toThrow(
      'subset: index 4 at position 0 is not an example of a dataset of 4',
    );
    expect(() => subset(data, [1.5])).toThrow('index 1.5');
    disposeDataset(data);
  });

  it('shuffles deterministically by seed', () => {
    const data = make();
    const a = shuffleDataset(data, { seed: 11 });
    const b = shuffleDataset(data, { seed: 11 });
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(Array.from(a.x.dataSync()).sort((p, q) => p - q)).toEqual([0, 10, 20, 30]);
    const orders = new Set(
      [0, 1, 2, 3, 4, 5].map((seed) => {
        const shuffled = shuffleDataset(data, { seed });
        const order = Array.from(shuffled.x.dataSync()).join();
        disposeDataset(shuffled);
        return order;
      }),
    );
    expect(orders.size).toBeGreaterThan(1);
    disposeDataset(a, b, data);
  });
});
