import { tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import {
  createDataset,
  type Dataset,
  disposeDataset,
  disposeSplits,
  labelCounts,
} from '../dataset.js';
import { loadMnist } from '../mnist/load-mnist.js';
import { splitDataset } from './split-dataset.js';

/** n examples whose single feature is their index, with labels cycling through `classSizes`. */
function indexed(classSizes: number[]): Dataset {
  const labels = classSizes.flatMap((size, label) => new Array<number>(size).fill(label));
  const x = tf.tensor2d(
    labels.map((_, i) => i),
    [labels.length, 1],
  );
  return createDataset({ x, y: tf.tensor1d(labels, 'int32') });
}

const ids = (data: Dataset) => Array.from(data.x.dataSync());

describe.each(TEST_BACKENDS)('splitDataset on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('splits by fractions into disjoint parts that use every example', () => {
    const data = indexed([50, 30, 20]);
    const { train, validation, test } = splitDataset(data, {
      train: 0.8,
      validation: 0.1,
      test: 0.1,
      seed: 1,
    });
    expect([train.x.shape[0], validation.x.shape[0], test.x.shape[0]]).toEqual([80, 10, 10]);
    const all = [...ids(train), ...ids(validation), ...ids(test)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // x and y stay paired: labels are a function of the index.
    const labelOf = (i: number) => (i < 50 ? 0 : i < 80 ? 1 : 2);
    const y = Array.from(train.y.dataSync());
    expect(y).toEqual(ids(train).map(labelOf));
    expect(train.numClasses).toBe(3);
    disposeSplits({ train, validation, test });
    disposeDataset(data);
  });

  it('takes counts and drops the rest (the classic 1000 training examples)', () => {
    const data = indexed([400, 400, 400]);
    const splits = splitDataset(data, { train: 1000, validation: 150, seed: 0 });
    expect(splits.train.x.shape[0]).toBe(1000);
    expect(splits.validation.x.shape[0]).toBe(150);
    expect(splits.test).toBeUndefined();
    expect(new Set([...ids(splits.train), ...ids(splits.validation)]).size).toBe(1150);
    disposeSplits(splits);
    disposeDataset(data);
  });

  it('rounds cumulative boundaries (0.8 / 0.1 / 0.1 of 10 is 8 / 1 / 1; thirds of 10 are 3 / 4 / 3)', () => {
    const ten = indexed([10]);
    const sizes = (options: Parameters<typeof splitDataset>[1]) => {
      const splits = splitDataset(ten, options);
      const out = [splits.train, splits.validation, splits.test].map((part) => part?.x.shape[0]);
      disposeSplits(splits);
      return out;
    };
    expect(sizes({ train: 0.8, validation: 0.1, test: 0.1 })).toEqual([8, 1, 1]);
    expect(sizes({ train: 1 / 3, validation: 1 / 3, test: 1 / 3 })).toEqual([3, 4, 3]);
    expect(sizes({ train: 0.5, test: 3 })).toEqual([5, undefined, 3]);
    expect(sizes({ train: 1, validation: 0 })).toEqual([1, 0, undefined]);
    disposeDataset(ten);
  });

  it('is deterministic by seed and differs between seeds', () => {
    const data = indexed([100]);
    const a = splitDataset(data, { train: 0.5, test: 0.5, seed: 'run-1' });
    const b = splitDataset(data, { train: 0.5, test: 0.5, seed: 'run-1' });
    const c = splitDataset(data, { train: 0.5, test: 0.5, seed: 'run-2' });
    expect(ids(a.train)).toEqual(ids(b.train));
    expect(ids(a.test)).toEqual(ids(b.test));
    expect(ids(a.train)).not.toEqual(ids(c.train));
    // Each part is shuffled, not sorted.
    expect(ids(a.train)).not.toEqual([...ids(a.train)].sort((x, y) => x - y));
    disposeSplits(a);
    disposeSplits(b);
    disposeSplits(c);
    disposeDataset(data);
  });

  it('stratifies: every part keeps each class within 1-2 examples of its share', () => {
    const data = indexed([500, 300, 150, 50]);
    for (const seed of [0, 1, 2, 3]) {
      const { train, validation, test } = splitDataset(data, {
        train: 0.6,
        validation: 0.2,
        test: 0.2,
        seed,
        stratify: true,
      });
      const deviation = (part: Dataset, share: number) =>
        Math.max(
          ...labelCounts(part).map((count, c) => Math.abs(count - share * [500, 300, 150, 50][c]!)),
        );
      expect(deviation(train, 0.6)).toBeLessThanOrEqual(1);
      expect(deviation(validation, 0.2)).toBeLessThanOrEqual(2);
      expect(deviation(test, 0.2)).toBeLessThanOrEqual(2);
      disposeDataset(train, validation, test);
    }
    // Without stratification a 10% part of the rare class varies more.
    const spread = [0, 1, 2, 3, 4, 5, 6, 7].map((seed) => {
      const { train } = splitDataset(data, { train: 100, seed });
      const rare = labelCounts(train)[3]!;
      disposeDataset(train);
      return rare;
    });
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(2);
    disposeDataset(data);
  });

  it('gives a stratified 1000-example MNIST training set with ~100 of each digit', async () => {
    const mnist = await loadMnist();
    const before = liveTensors();
    const { train, validation } = splitDataset(mnist, {
      train: 1000,
      validation: 1000,
      seed: 0,
      stratify: true,
    });
    const expected = labelCounts(mnist).map((count) => (1000 * count) / 10000);
    const deviation = (part: Dataset) =>
      Math.max(...labelCounts(part).map((count, digit) => Math.abs(count - expected[digit]!)));
    expect(deviation(train)).toBeLessThanOrEqual(1);
    expect(deviation(validation)).toBeLessThanOrEqual(2);
    expect(liveTensors()).toBe(before + 4);
    disposeDataset(train, validation, mnist);
  });

  it('types the parts that were asked for', () => {
    const data = indexed([4]);
    const splits = splitDataset(data, { train: 2, validation: 2 });
    expectTypeOf(splits.validation).toEqualTypeOf<Dataset>();
    expectTypeOf(splits.test).toEqualTypeOf<Dataset | undefined>();
    disposeSplits(splits);
    disposeDataset(data);
  });

  it('explains impossible splits', () => {
    const data = indexed([10]);
    expect(() => splitDataset(data, { train: 8, validation: 3 })).toThrow(
      'splitDataset: the parts ask for 11 examples (train 8, validation 3) but the dataset has 10',
    );
    expect(() => splitDataset(data, { train: 0.7, test: 0.4 })).toThrow(
      'ask for 11 examples (train 0.7 x 10 = 7, test 0.4 x 10 = 4) but the dataset has 10',
    );
    expect(() => splitDataset(data, { train: 2.5 })).toThrow(
      'splitDataset: "train" must be a fraction in (0, 1) or a whole count of examples, got 2.5',
    );
    expect(() => splitDataset(data, { train: -0.1 })).toThrow('"train" must be a fraction');
    expect(() => splitDataset(data, {} as never)).toThrow('splitDataset needs at least { train }');
    disposeDataset(data);
  });
});
