import { tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivativeAt } from '../test/helpers.js';
import { linear } from './linear.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('linear', () => {
  it('returns a new tensor with the same values, so disposing it leaves the input alive', () => {
    const x = tf.tensor1d([-1e4, 0, 2.5]);
    const y = linear(x);
    expect(y).not.toBe(x);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([-1e4, 0, 2.5]);
    x.dispose();
    expect(derivativeAt(linear, [-3, 0, 3])).toEqual([1, 1, 1]);
  });
});
