import { ShapeError, type Tensor, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, oneLineError } from '../test/assertions.js';
import { RmsNorm, rmsNormOptions } from './rms-norm.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: Tensor) => [...t.dataSync()];

describe('rmsNorm', () => {
  it('divides by the root mean square, without subtracting the mean', () => {
    const norm = new RmsNorm();
    const y = tf.tidy(() =>
      values(
        norm.apply(
          tf.tensor2d([
            [3, 4],
            [1, 1],
          ]),
        ),
      ),
    );
    const rms = Math.sqrt(12.5 + 1e-6);
    expectClose(y, [3 / rms, 4 / rms, 1 / Math.sqrt(1 + 1e-6), 1 / Math.sqrt(1 + 1e-6)], 6);
  });

  it('defaults to epsilon 1e-6, a gain and no shift; center adds the shift', () => {
    expect(rmsNormOptions.epsilon.default).toBe(1e-6);
    const plain = new RmsNorm();
    plain.ensureBuilt([2, 3]);
    expect([...plain.namedParameters().keys()]).toEqual(['gamma']);
    const centered = new RmsNorm({ center: true, axes: 2 });
    centered.ensureBuilt([2, 3, 4]);
    expect([...centered.namedParameters()].map(([name, v]) => [name, v.shape])).toEqual([
      ['gamma', [3, 4]],
      ['beta', [3, 4]],
    ]);
  });

  it('is invariant to a positive rescaling of each sample', () => {
    const norm = new RmsNorm();
    const x = tf.tensor2d([
      [1, -2, 3],
      [0.5, 0.1, -4],
    ]);
    const a = tf.tidy(() => values(norm.apply(x)));
    const b = tf.tidy(() => values(norm.apply(tf.mul(x, tf.tensor2d([[7], [0.3]])))));
    expectClose(b, a, 5);
    x.dispose();
  });

  it('rejects more axes than the input has besides the batch', () => {
    const error = oneLineError(() => new RmsNorm({ axes: 2 }).ensureBuilt([4, 6]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      'rmsNorm: cannot normalize the last 2 axes of an input of shape [4, 6]: the first axis is the batch. Use axes <= 1 or add the batch axis',
    );
  });
});
