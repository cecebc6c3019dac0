import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend/backend.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { noGrad } from './no-grad.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('noGrad', () => {
  it('switches the tape off inside and back on after, even when the function throws', () => {
    const x = tf.variable(tf.scalar(3));
    const seen: boolean[] = [];
    const { value, grads } = tf.variableGrads(() => {
      seen.push(tf.engine().isTapeOn());
      noGrad(() => seen.push(tf.engine().isTapeOn()));
      expect(() =>
        noGrad(() => {
          throw new Error('inside');
        }),
      ).toThrow('inside');
      seen.push(tf.engine().isTapeOn());
      // A value computed under noGrad is a constant: d(x * c)/dx = c, not 2x.
      const constant = noGrad(() => tf.mul(x, 1));
      return tf.mul(x, constant) as tf.Scalar;
    }, [x]);
    expect(seen).toEqual([true, false, true]);
    expect(grads[x.name]!.dataSync()[0]).toBe(3);
    tf.dispose([x, value, ...Object.values(grads)]);
  });
});
