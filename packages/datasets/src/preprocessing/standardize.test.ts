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
import { Standardize } from './standardize.js';

describe.each(TEST_BACKENDS)('Standardize on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('matches numpy: (x - mean) / sqrt(population variance + epsilon)', () => {
    const golden = pcaGolden().correlated;
    const x = tf.tensor2d(golden.x);
    const standardize = new Standardize({ epsilon: golden.standardize.epsilon });
    const out = standardize.fitTransform(x);
    expect(maxAbsDifference(standardize.state.mean, golden.mean)).toBeLessThan(1e-12);
    expect(maxAbsDifference(standardize.state.variance, golden.standardize.variance)).toBeLessThan(
      1e-12,
    );
    expect(relativeError(out.dataSync(), flat(golden.standardize.transformed))).toBeLessThan(1e-6);
    // Training features come out with mean 0 and std 1.
    const [mean, std] = tf.tidy(() => {
      const moments = tf.moments(out, 0);
      return [moments.mean.dataSync(), tf.sqrt(moments.variance).dataSync()];
    });
    expect(Math.max(...Array.from(mean, Math.abs))).toBeLessThan(1e-6);
    expect(maxAbsDifference(std, new Array(5).fill(1))).toBeLessThan(1e-6);
    tf.dispose([x, out]);
  });

  it('maps constant MNIST pixels to 0 and gives the others std 1 on the training split', async () => {
    const mnist = await loadMnist();
    const train = subset(
      mnist,
      Array.from({ length: 1000 }, (_, i) => i * 10),
    );
    const standardize = new Standardize();
    const out = standardize.fitTransform(train.x);
    const [mean, std] = tf.tidy(() => {
      const moments = tf.moments(out, 0);
      return [moments.mean.dataSync(), tf.sqrt(moments.variance).dataSync()];
    });
    const { variance } = standardize.state;
    let constant = 0;
    for (let j = 0; j < 784; j++) {
      expect(Math.abs(mean[j]!)).toBeLessThan(1e-5);
      if (variance[j] === 0) {
        constant++;
        expect(std[j]).toBe(0);
      } else if (variance[j]! > 1e-5) {
        // epsilon 1e-8 shrinks these stds by at most 0.05%.
        expect(Math.abs(std[j]! - 1)).toBeLessThan(1e-3);
      }
    }
    expect(constant).toBeGreaterThan(50);
    expect(out.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose(out);
    disposeDataset(train, mnist);
  });

  it('inverts, restores from JSON and leaks nothing', () => {
    const x = tf.tensor2d([
      [1, 100],
      [2, 300],
      [6, 200],
    ]);
    const before = liveTensors();
    const { inverseError, restored, output, restoredOutput } = roundTrip(
      new Standardize().fit(x),
      x,
    );
    expect(inverseError).toBeLessThan(1e-6);
    expect(restored).toBeInstanceOf(Standardize);
    expect(restoredOutput).toEqual(output);
    expect(liveTensors()).toBe(before);
    x.dispose();
  });

  it('with epsilon 0 only centers constant features', () => {
    const x = tf.tensor2d([
      [5, 1],
      [5, 3],
    ]);
    const out = new Standardize({ epsilon: 0 }).fitTransform(x);
    expect(Array.from(out.dataSync())).toEqual([0, -1, 0, 1]);
    tf.dispose([x, out]);
  });

  it('explains misuse', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    expect(() => new Standardize().transform(x)).toThrow(
      'standardize: not fitted yet. Call fit(trainX) first, or restore it with preprocessorFromJSON(state)',
    );
    const fitted = new Standardize().fit(x);
    const wide = tf.zeros([1, 3]);
    expect(() => fitted.transform(wide)).toThrow(
      'standardize.transform: expected 2 features, got 3',
    );
    const flatInput = tf.zeros([4]);
    expect(() => new Standardize().fit(flatInput)).toThrow(
      'standardize.fit: expected a 2-D tensor [examples, features], got shape [4]',
    );
    const missing = tf.tensor2d([[1, Number.NaN]]);
    expect(() => new Standardize().fit(missing)).toThrow('standardize.fit: x[0, 1] is NaN');
    expect(() => new Standardize({ epsilon: -1 })).toThrow(
      'standardize: option "epsilon" must be a number >= 0, got -1',
    );
    expect(() =>
      Standardize.fromJSON({
        type: 'standardize',
        epsilon: 0,
        features: 2,
        mean: [0],
        variance: [1, 1],
      }),
    ).toThrow('standardize: state field "mean" must be an array of 2 finite numbers');
    tf.dispose([x, wide, flatInput, missing]);
  });
});
