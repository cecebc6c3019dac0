import { tf, useBackend } from '@fanin/core';
import { countLeaks, liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { batchCount, batches, epochOrder } from './batches.js';

describe.each(TEST_BACKENDS)('batches on %s', (backend) => {
  let data: { x: tf.Tensor2D; y: tf.Tensor1D };
  beforeAll(async () => {
    await useBackend(backend);
    // Row i of x is [i, -i]; y is i: batches must keep rows of x and y together.
    data = {
      x: tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, -i])),
      y: tf.tensor1d(
        Array.from({ length: 10 }, (_, i) => i),
        'int32',
      ),
    };
  });

  const collect = (options: Parameters<typeof batches>[1]) =>
    Array.from(batches(data, options), ({ x, y, index, size }) => ({
      x: Array.from(x.dataSync()),
      y: Array.from(y.dataSync()),
      index,
      size,
    }));

  it('visits every example once per epoch, x and y paired, in a seeded order', () => {
    const epoch = collect({ batchSize: 4, seed: 1 });
    expect(epoch.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(epoch.map((b) => b.index)).toEqual([0, 1, 2]);
    const seen = epoch.flatMap((b) => b.y);
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const batch of epoch) {
      for (const [row, label] of batch.y.entries()) {
        expect(batch.x.slice(2 * row, 2 * row + 2)).toEqual([label, -label]);
      }
    }
    expect(seen).toEqual(Array.from(epochOrder(10, { seed: 1 })));
  });

  it('draws a new order each epoch that depends only on seed and epoch', () => {
    const order = (seed: number, epoch: number) => collect({ batchSize: 10, seed, epoch })[0]!.y;
    expect(order(1, 0)).toEqual(order(1, 0));
    expect(order(1, 1)).not.toEqual(order(1, 0));
    expect(order(2, 0)).not.toEqual(order(1, 0));
  });

  it('keeps the order without shuffle and can drop the remainder', () => {
    expect(collect({ batchSize: 3, shuffle: false }).map((b) => b.y)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9],
    ]);
    expect(
      collect({ batchSize: 3, shuffle: false, dropRemainder: true }).map((b) => b.size),
    ).toEqual([3, 3, 3]);
    expect(batchCount(10, 3)).toBe(4);
    expect(batchCount(10, 3, true)).toBe(3);
  });

  it('leaks no tensor, whether the loop finishes, breaks or throws', async () => {
    expect(
      await countLeaks(() => {
        for (const { x } of batches(data, { batchSize: 3, seed: 5 })) {
          tf.tidy(() => {
            tf.sum(x);
          });
        }
      }),
    ).toBe(0);
    expect(
      await countLeaks(() => {
        for (const batch of batches(data, { batchSize: 3, shuffle: false }))
          if (batch.index === 1) break;
      }),
    ).toBe(0);
    expect(
      await countLeaks(() => {
        try {
          for (const _ of batches(data, { batchSize: 2 })) throw new Error('stop');
        } catch {
          // expected
        }
      }),
    ).toBe(0);
    // While a batch is current, exactly its two tensors are alive.
    const before = liveTensors();
    const iterator = batches(data, { batchSize: 4 });
    const first = iterator.next();
    expect(liveTensors()).toBe(before + 2);
    iterator.next();
    expect(first.done).toBe(false);
    expect(liveTensors()).toBe(before + 2);
    iterator.return();
    expect(liveTensors()).toBe(before);
  });

  it('rejects bad options when called, before iterating', () => {
    expect(() => batches(data, { batchSize: 0 })).toThrow(
      'batches: "batchSize" must be a whole number >= 1, got 0',
    );
    expect(() => batches(data, { batchSize: 2, epoch: -1 })).toThrow(
      'batches: "epoch" must be a whole number >= 0, got -1',
    );
    expect(() => batches({ x: data.x, y: data.y.slice(0, 5) }, { batchSize: 2 })).toThrow(
      'batches: x has 10 examples but y has 5',
    );
  });
});
