import { tf, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { oneHot } from './one-hot.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { preprocessorFromJSON } from './preprocessor-from-json.js';

describe.each(TEST_BACKENDS)('one-hot labels on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('oneHot turns int32 labels into float32 rows', () => {
    const labels = tf.tensor1d([2, 0, 1], 'int32');
    const before = liveTensors();
    const rows = oneHot(labels, 4);
    expect(rows.dtype).toBe('float32');
    expect(rows.arraySync()).toEqual([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ]);
    rows.dispose();
    expect(liveTensors()).toBe(before);
    expect(() => oneHot(labels, 2)).toThrow(
      'oneHot: label 2 at index 0 is not a class index in [0, 2)',
    );
    labels.dispose();
  });

  it('OneHotEncoder fixes the width on the training labels, decodes by argmax and saves as JSON', () => {
    const train = tf.tensor1d([0, 3, 1], 'int32');
    const validation = tf.tensor1d([1, 1], 'int32');
    const encoder = new OneHotEncoder().fit(train);
    expect(encoder.numClasses).toBe(4);
    const rows = encoder.transform(validation);
    expect(rows.shape).toEqual([2, 4]);
    const scores = tf.tensor2d([
      [0.1, 0.2, 0.6, 0.1],
      [0.9, 0, 0, 0.1],
    ]);
    const decoded = encoder.inverseTransform(scores);
    expect(Array.from(decoded.dataSync())).toEqual([2, 0]);
    expect(decoded.dtype).toBe('int32');
    const restored = preprocessorFromJSON(JSON.parse(JSON.stringify(encoder)));
    expect(restored).toBeInstanceOf(OneHotEncoder);
    expect((restored as OneHotEncoder).numClasses).toBe(4);
    expect(new OneHotEncoder({ numClasses: 10 }).fit(train).numClasses).toBe(10);
    expect(() => new OneHotEncoder().transform(train)).toThrow('oneHotEncoder: not fitted yet');
    expect(() => encoder.inverseTransform(rows.slice([0, 0], [2, 3]))).toThrow(
      'oneHotEncoder.inverseTransform: expected [examples, 4], got shape [2, 3]',
    );
    tf.dispose([train, validation, rows, scores, decoded]);
  });
});
