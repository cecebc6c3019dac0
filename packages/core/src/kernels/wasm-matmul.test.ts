import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';

/** Each output matrix of a broadcast batch product, from plain loops in float64. */
function reference(a: tf.Tensor, b: tf.Tensor): { shape: number[]; values: number[] } {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape.at(-1)!;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
  );
  const av = a.broadcastTo([...outer, m, k]).arraySync() as number[][][][];
  const bv = b.broadcastTo([...outer, k, n]).arraySync() as number[][][][];
  const values: number[] = [];
  for (let i = 0; i < outer[0]!; i++)
    for (let j = 0; j < outer[1]!; j++)
      for (let r = 0; r < m; r++)
        for (let c = 0; c < n; c++) {
          let sum = 0;
          for (let x = 0; x < k; x++) sum += av[i]![j]![r]![x]! * bv[i]![j]![x]![c]!;
          values.push(sum);
        }
  return { shape: [...outer, m, n], values };
}

describe('BatchMatMul on wasm with batches broadcast on both sides', () => {
  afterAll(() => useBackend('cpu'));

  it.each([
    [
      [2, 1, 3, 4],
      [5, 4, 6],
    ],
    [
      [2, 1, 3, 4],
      [1, 5, 4, 6],
    ],
    [
      [3, 1, 2, 2],
      [1, 4, 2, 3],
    ],
  ])('computes every product of a %j against b %j', async (aShape, bShape) => {
    await useBackend('wasm');
    const a = tf.randomUniform(aShape, -1, 1, 'float32', 1);
    const b = tf.randomUniform(bShape, -1, 1, 'float32', 2);
    const expected = reference(a, b);
    const buffers = tf.backend().numDataIds();
    const product = tf.matMul(a, b);
    expect(product.shape).toEqual(expected.shape);
    const values = Array.from(product.dataSync());
    for (const [i, value] of values.entries()) expect(value).toBeCloseTo(expected.values[i]!, 5);
    product.dispose();
    // The broadcast copies are freed after the call.
    expect(tf.backend().numDataIds()).toBe(buffers);
    tf.dispose([a, b]);
  });

  it('leaves products tfjs computes right to tfjs (one side broadcast)', async () => {
    await useBackend('wasm');
    const a = tf.ones([2, 3, 4]);
    const b = tf.ones([4, 2]);
    const product = tf.matMul(a, b);
    expect(product.shape).toEqual([2, 3, 2]);
    expect(Array.from(product.dataSync())).toEqual(new Array(12).fill(4));
    tf.dispose([a, b, product]);
  });
});
