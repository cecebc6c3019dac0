import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { type BackendName, useBackend } from '../backend/backend.js';
import { Dense } from '../modules/dense.js';
import { core } from '../plugin.js';
import { Random } from '../random/random.js';
import { createRegistry } from '../registry/registry.js';
import { BatchTaker, batchRanges } from './batches.js';
import { fit } from './fit.js';

afterAll(async () => {
  await useBackend('cpu');
});

describe.each<BackendName>(['cpu', 'wasm'])('BatchTaker on %s', (backend) => {
  it('takes the same rows as tf.gather and tf.slice, for every dtype and rank', async () => {
    await useBackend(backend);
    const random = new Random(7);
    const tensors = [
      random.normalTensor([23, 3, 4], 0, 1),
      tf.tensor1d(
        Array.from({ length: 23 }, (_, i) => i * 3 - 11),
        'int32',
      ),
      tf.tensor2d(
        Array.from({ length: 46 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        [23, 2],
        'bool',
      ),
    ];
    const order = Int32Array.from(random.permutation(23));
    const before = tf.memory().numTensors;
    for (const tensor of tensors) {
      const taker = new BatchTaker(tensor);
      for (const range of batchRanges(23, 5)) {
        const rows = order.subarray(range.start, range.start + range.size);
        const shuffled = taker.take(range, order);
        const inOrder = taker.take(range, undefined);
        const expected = tf.tidy(() => tf.gather(tensor, tf.tensor1d(rows, 'int32')));
        const sliced = tf.slice(tensor, [range.start], [range.size]);
        expect(shuffled.dtype).toBe(tensor.dtype);
        expect(shuffled.shape).toEqual([range.size, ...tensor.shape.slice(1)]);
        expect(Array.from(shuffled.dataSync())).toEqual(Array.from(expected.dataSync()));
        expect(Array.from(inOrder.dataSync())).toEqual(Array.from(sliced.dataSync()));
        tf.dispose([shuffled, inOrder, expected, sliced]);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(tensors);
  });

  it('leaves no tensors behind and reads the heap afresh after it grows', async () => {
    await useBackend(backend);
    const x = tf.tensor2d(
      Array.from({ length: 40 }, (_, i) => i),
      [10, 4],
    );
    const taker = new BatchTaker(x);
    const before = tf.memory().numTensors;
    const first = taker.take({ start: 2, size: 3 }, Int32Array.from([9, 0, 5, 1, 2]));
    // Grow the backend's memory between two takes: a tensor larger than the wasm heap makes
    // it reallocate, which detaches every view of the old heap.
    const heap = () => (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8;
    const oldHeap = heap()?.buffer;
    const big = tf.fill([(oldHeap?.byteLength ?? 0) / 4 + 1_000_000], 1);
    if (backend === 'wasm') expect(heap()?.buffer).not.toBe(oldHeap);
    const second = taker.take({ start: 0, size: 2 }, Int32Array.from([9, 0, 5, 1, 2]));
    expect(Array.from(first.dataSync())).toEqual([20, 21, 22, 23, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(second.dataSync())).toEqual([36, 37, 38, 39, 0, 1, 2, 3]);
    tf.dispose([first, second, big]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('fit on %s', (backend) => {
  it('assembles its shuffled batches without a Gather kernel', async () => {
    await useBackend(backend);
    const fanin = createRegistry({ plugins: [core] });
    const random = new Random(1);
    const model = new Dense({ units: 2, random, path: 'd' });
    const x = random.normalTensor([12, 3]);
    const y = random.normalTensor([12, 2]);
    const optimizer = fanin.optimizer('sgd');
    const loss = fanin.loss('meanSquaredError');
    const profile = await tf.profile(async () => {
      await fit(model, { x, y }, { epochs: 2, batchSize: 5, optimizer, loss });
      return [];
    });
    expect(profile.kernelNames).not.toContain('GatherV2');
    // The profile saw the training steps: the dense layer's kernel (fanin's fused one).
    expect(profile.kernelNames).toContain('FaninDense');
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
