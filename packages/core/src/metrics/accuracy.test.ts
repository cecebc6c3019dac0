import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type BackendName, useBackend } from '../backend/backend.js';
import { accuracy } from './accuracy.js';

/** Accuracy through tfjs's kernels, the definition the host path must reproduce. */
function byKernels(predictions: tf.Tensor, targets: tf.Tensor, threshold?: number): number {
  return tf.tidy(() => {
    const hit =
      threshold !== undefined
        ? tf.equal(tf.greater(predictions, threshold), tf.greater(targets, 0.5))
        : tf.equal(
            tf.argMax(predictions, -1),
            targets.rank === predictions.rank ? tf.argMax(targets, -1) : tf.cast(targets, 'int32'),
          );
    return tf.mean(tf.cast(hit, 'float32')).dataSync()[0]!;
  });
}

describe.each<BackendName>(['cpu', 'wasm'])('accuracy on %s', (backend) => {
  it('agrees with the kernels on ties, NaN, one-hot and index targets, and uses no kernel', async () => {
    await useBackend(backend);
    const predictions = tf.tensor2d([
      [1, 3, 3], // a tie: the first maximum (1) wins
      [Number.NaN, 2, 1], // NaN first: no number compares greater, so class 0
      [0, Number.NaN, -1], // NaN never beats 0: class 0
      [-5, -4, -6],
      [2, 2, 2],
      [0, 1, 0],
      [9, 1, 0],
    ]);
    const indices = tf.tensor1d([1, 1, 0, 1, 0, 2, 1.7]); // 1.7 truncates to 1
    const oneHot = tf.oneHot(tf.tensor1d([1, 2, 0, 1, 0, 2, 0], 'int32'), 3);
    for (const targets of [indices, tf.cast(indices, 'int32'), oneHot]) {
      const expected = byKernels(predictions, targets);
      const profile = await tf.profile(() => accuracy(predictions, targets));
      expect(profile.kernels.map((k) => k.name)).toEqual([]);
      const value = accuracy(predictions, targets);
      expect(value.dataSync()[0]).toBe(expected);
      value.dispose();
    }
    expect(byKernels(predictions, indices)).toBeCloseTo(4 / 7, 6);
    tf.dispose([predictions, indices, oneHot]);
  });

  it('agrees with the kernels on binary predictions, thresholds and NaN', async () => {
    await useBackend(backend);
    const predictions = tf.tensor2d([[0.2], [0.7], [Number.NaN], [-1], [0.5]]);
    const targets = tf.tensor2d([[0], [1], [0], [1], [1]]);
    for (const threshold of [0, 0.5]) {
      const value = accuracy(predictions, targets, { threshold });
      expect(value.dataSync()[0]).toBe(byKernels(predictions, targets, threshold));
      value.dispose();
    }
    const flat = tf.tensor1d([3, -2, 0]);
    const flatTargets = tf.tensor1d([1, 0, 1]);
    expect(accuracy(flat, flatTargets).dataSync()[0]).toBe(byKernels(flat, flatTargets, 0));
    tf.dispose([predictions, targets, flat, flatTargets]);
  });

  it('rounds the mean to float32 as the kernels do', async () => {
    await useBackend(backend);
    const predictions = tf.tensor2d([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const targets = tf.tensor1d([0, 0, 0], 'int32');
    const value = accuracy(predictions, targets).dataSync()[0]!;
    expect(value).toBe(Math.fround(2 / 3));
    expect(value).toBe(byKernels(predictions, targets));
    tf.dispose([predictions, targets]);
  });
});
