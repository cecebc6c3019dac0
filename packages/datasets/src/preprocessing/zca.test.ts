import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  flat,
  maxAbsDifference,
  pcaGolden,
  relativeError,
  TEST_BACKENDS,
} from '../../test/helpers.js';
import { roundTrip } from '../../test/round-trip.js';
import { disposeDataset } from '../dataset.js';
import { makeBlobs } from '../synthetic/blobs.js';
import { Zca } from './zca.js';

function covarianceOf(x: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    const centered = tf.sub(x, tf.mean(x, 0));
    return Array.from(
      tf.div(tf.matMul(tf.transpose(centered), centered), x.shape[0] - 1).dataSync(),
    );
  });
}

const identity = (d: number) =>
  Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0));

describe.each(TEST_BACKENDS)('Zca on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('matches numpy: W = U diag(1 / sqrt(lambda + epsilon)) U^T and (x - mean) W', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const zca = new Zca({ epsilon: golden.zca.epsilon });
    const out = zca.fitTransform(x);
    expect(maxAbsDifference(zca.matrix(), flat(golden.zca.matrix))).toBeLessThan(1e-10);
    expect(relativeError(out.dataSync(), flat(golden.zca.transformed))).toBeLessThan(1e-6);
    tf.dispose([x, out]);
  });

  it('whitens: the training covariance becomes the identity', () => {
    // Correlated 6-D data: blobs stretched and mixed by a fixed matrix.
    const blobs = makeBlobs({
      classes: 3,
      dimension: 6,
      pointsPerClass: 200,
      std: 1,
      spread: 3,
      seed: 8,
    });
    // Singular values of the mixing matrix: 7.3 down to 0.46 (well conditioned, full rank).
    const mixing = tf.tensor2d(
      Array.from({ length: 6 }, (_, i) =>
        Array.from({ length: 6 }, (_, j) => (i === j ? 1 + i : 0) + Math.cos(i * j + 1)),
      ),
    );
    const x = tf.matMul(blobs.x, mixing) as tf.Tensor2D;
    const before = Math.max(...covarianceOf(x).map((v, i) => Math.abs(v - identity(6)[i]!)));
    expect(before).toBeGreaterThan(1);
    const zca = new Zca({ epsilon: 1e-9 });
    const out = zca.fitTransform(x);
    // Computed in float32 by tfjs from 600 rows: a few 1e-7.
    expect(maxAbsDifference(covarianceOf(out), identity(6))).toBeLessThan(2e-6);
    // ZCA keeps the whitened data closest to the input: W is symmetric.
    const w = zca.matrix();
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < i; j++)
        expect(Math.abs(w[i * 6 + j]! - w[j * 6 + i]!)).toBeLessThan(1e-12);
    // The inverse undoes it; JSON restores it.
    const { inverseError, output, restoredOutput } = roundTrip(zca, x);
    expect(inverseError).toBeLessThan(1e-6);
    expect(output).toEqual(Array.from(out.dataSync()));
    expect(restoredOutput).toEqual(output);
    tf.dispose([mixing, x, out]);
    disposeDataset(blobs);
  });

  it('requires epsilon > 0 and at least 2 examples', () => {
    expect(() => new Zca({ epsilon: 0 })).toThrow(
      'zca: option "epsilon" must be a number > 0, got 0',
    );
    const one = tf.tensor2d([[1, 2]]);
    expect(() => new Zca().fit(one)).toThrow('zca.fit: needs at least 2 examples, got 1');
    one.dispose();
  });
});
