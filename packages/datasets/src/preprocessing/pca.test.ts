import { tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
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
import { loadMnist } from '../mnist/load-mnist.js';
import { subset } from '../sampling/subset.js';
import { Pca } from './pca.js';

/** Flips each row of `actual` to agree in sign with `expected` (axes are defined up to sign). */
function alignSigns(
  actual: ReadonlyArray<readonly number[]>,
  expected: ReadonlyArray<readonly number[]>,
): number[][] {
  return actual.map((row, k) => {
    const dot = row.reduce((sum, v, j) => sum + v * expected[k]![j]!, 0);
    return row.map((v) => (dot < 0 ? -v : v));
  });
}

/** Sample covariance (divided by N - 1) of the columns of a [N, d] tensor, in float64. */
function covarianceOf(x: tf.Tensor2D): number[][] {
  const [n, d] = x.shape;
  const values = x.dataSync();
  const mean = Array.from({ length: d }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * d + j]!;
    return sum / n;
  });
  return Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      let sum = 0;
      for (let i = 0; i < n; i++)
        sum += (values[i * d + a]! - mean[a]!) * (values[i * d + b]! - mean[b]!);
      return sum / (n - 1);
    }),
  );
}

describe.each(TEST_BACKENDS)('Pca on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('matches numpy on correlated data: axes (up to sign), variances, ratios, projections', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const pca = new Pca({ components: 3 });
    const out = pca.fitTransform(x);
    expect(out.shape).toEqual([60, 3]);
    expect(pca.outputFeatures).toBe(3);
    const { vectors, variances } = pca.state;
    expect(
      maxAbsDifference(
        alignSigns(vectors, golden.eigenvectors).flat(),
        golden.eigenvectors.slice(0, 3).flat(),
      ),
    ).toBeLessThan(1e-12);
    expect(maxAbsDifference(variances, golden.eigenvalues.slice(0, 3))).toBeLessThan(1e-11);
    expect(
      maxAbsDifference(pca.explainedVarianceRatio, golden.pca.explainedVarianceRatio),
    ).toBeLessThan(1e-14);
    // Same sign convention as the fixture, so projections compare directly (float32 vs float64).
    expect(relativeError(out.dataSync(), flat(golden.pca.transformed))).toBeLessThan(1e-6);
    // The components are uncorrelated, with the eigenvalues as variances.
    const covariance = covarianceOf(out);
    const diagonal = [
      golden.eigenvalues[0]!,
      0,
      0,
      0,
      golden.eigenvalues[1]!,
      0,
      0,
      0,
      golden.eigenvalues[2]!,
    ];
    expect(relativeError(covariance.flat(), diagonal)).toBeLessThan(1e-6);
    tf.dispose([x, out]);
  });

  it('whitens like numpy: every component with variance lambda / (lambda + epsilon) ~ 1', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const pca = new Pca({ whiten: true, epsilon: golden.pcaWhiten.epsilon });
    const out = pca.fitTransform(x);
    expect(relativeError(out.dataSync(), flat(golden.pcaWhiten.transformed))).toBeLessThan(1e-6);
    const expected = golden.eigenvalues.map((lambda, k) =>
      golden.eigenvalues.map((_, l) =>
        k === l ? lambda / (lambda + golden.pcaWhiten.epsilon) : 0,
      ),
    );
    expect(maxAbsDifference(covarianceOf(out).flat(), expected.flat())).toBeLessThan(1e-6);
    tf.dispose([x, out]);
  });

  it('matches numpy on 1000 MNIST digits (784 features): top 8 axes, variances and projections', async () => {
    const golden = pcaGolden().mnist;
    const mnist = await loadMnist();
    // The fixture used the first 100 images of each digit, in the package's order.
    const starts = [0, 1001, 2128, 3119, 4151, 5131, 5994, 7008, 8078, 9022];
    const train = subset(
      mnist,
      starts.flatMap((start) => Array.from({ length: golden.perDigit }, (_, i) => start + i)),
    );
    const pca = new Pca({ components: golden.components });
    const out = pca.fitTransform(train.x);
    const { vectors, variances, totalVariance } = pca.state;
    expect(Math.abs(totalVariance - golden.totalVariance)).toBeLessThan(1e-10);
    expect(maxAbsDifference(variances, golden.eigenvalues)).toBeLessThan(1e-10);
    expect(
      maxAbsDifference(pca.explainedVarianceRatio, golden.explainedVarianceRatio),
    ).toBeLessThan(1e-12);
    // float64 on both sides; the smallest relative gap between these eigenvalues is 7%.
    expect(
      maxAbsDifference(alignSigns(vectors, golden.eigenvectors).flat(), golden.eigenvectors.flat()),
    ).toBeLessThan(1e-12);
    const projected = tf.tidy(() => out.slice([0, 0], [5, golden.components]).dataSync());
    // A float32 matMul over 784 pixels.
    expect(relativeError(projected, flat(golden.projected))).toBeLessThan(1e-6);
    tf.dispose(out);
    disposeDataset(train, mnist);
  });

  it('keeps the fewest components that explain a requested share of the variance', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const total = golden.eigenvalues.reduce((a, b) => a + b, 0);
    // The first two axes explain 69.3 + 22.5 of 95.3: 96.4%; the first alone 72.7%.
    expect(golden.eigenvalues[0]! / total).toBeLessThan(0.9);
    expect((golden.eigenvalues[0]! + golden.eigenvalues[1]!) / total).toBeGreaterThan(0.9);
    expect(new Pca({ components: 0.9 }).fit(x).state.components).toBe(2);
    expect(new Pca({ components: 0.5 }).fit(x).state.components).toBe(1);
    expect(new Pca().fit(x).state.components).toBe(5);
    x.dispose();
  });

  it('reconstructs the input from all components, restores from JSON, and leaks nothing', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const before = liveTensors();
    for (const whiten of [false, true]) {
      const { inverseError, restored, output, restoredOutput } = roundTrip(
        new Pca({ whiten }).fit(x),
        x,
      );
      expect(inverseError).toBeLessThan(1e-6);
      expect(restored).toBeInstanceOf(Pca);
      expect(restoredOutput).toEqual(output);
    }
    expect(liveTensors()).toBe(before);
    x.dispose();
  });

  it('explains bad options and states', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    expect(() => new Pca({ components: 1.5 })).toThrow(
      'pca: option "components" must be a whole number >= 1 or a fraction in (0, 1), got 1.5',
    );
    expect(() => new Pca({ epsilon: 0 })).toThrow(
      'pca: option "epsilon" must be a number > 0, got 0',
    );
    expect(() => new Pca({ components: 3 }).fit(x)).toThrow(
      'pca.fit: cannot keep 3 components of 2 features. Use components <= 2',
    );
    const one = tf.tensor2d([[1, 2]]);
    expect(() => new Pca().fit(one)).toThrow('pca.fit: needs at least 2 examples, got 1');
    const state = new Pca({ components: 1 }).fit(x).toJSON();
    expect(() => Pca.fromJSON({ ...state, vectors: [[1]] })).toThrow(
      'pca: state field "vectors" must be 1 arrays of 2 numbers',
    );
    tf.dispose([x, one]);
  });
});
