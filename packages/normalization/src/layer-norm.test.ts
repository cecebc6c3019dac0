import { InvalidOptionError, Random, ShapeError, type Tensor, tf, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, oneLineError } from '../test/assertions.js';
import { LayerNorm } from './layer-norm.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: Tensor) => [...t.dataSync()];

describe('layerNorm', () => {
  it('standardizes each sample over its last axis', () => {
    const ln = new LayerNorm({ epsilon: 1e-9 });
    const y = tf.tidy(() =>
      values(
        ln.apply(
          tf.tensor2d([
            [1, 2, 3, 4],
            [10, 10, 10, 14],
          ]),
        ),
      ),
    );
    const a = [-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(1.25));
    const b = [-1, -1, -1, 3].map((v) => v / Math.sqrt(3));
    expectClose(y, [...a, ...b], 5);
  });

  it('does not depend on the batch or the mode: a row alone, in a batch, in training and inference agree', () => {
    const ln = new LayerNorm();
    const x = new Random(1).normalTensor([5, 7], 2, 3);
    const batch = tf.tidy(() => values(ln.apply(x, { training: true })));
    const alone = tf.tidy(() => values(ln.apply(tf.slice(x, [2, 0], [1, 7]))));
    expectClose(alone, batch.slice(14, 21), 6);
    expect(tf.tidy(() => values(ln.apply(x)))).toEqual(batch);
    expect(ln.namedState().size).toBe(0);
    x.dispose();
  });

  it('axes k gives gamma and beta the shape of the last k axes (PyTorch normalized_shape)', () => {
    const ln = new LayerNorm({ axes: 3 });
    ln.ensureBuilt([-1, 4, 5, 6]);
    expect([...ln.namedParameters()].map(([name, v]) => [name, v.shape])).toEqual([
      ['gamma', [4, 5, 6]],
      ['beta', [4, 5, 6]],
    ]);
    const x = new Random(2).normalTensor([2, 4, 5, 6], 1, 2);
    const { mean, variance } = tf.tidy(() => tf.moments(ln.apply(x), [1, 2, 3]));
    expectClose(values(mean), 0, 5);
    expectClose(values(variance), 1, 4);
    tf.dispose([x, mean, variance]);
  });

  it('center and scale switch beta and gamma off', () => {
    const make = (options: { center?: boolean; scale?: boolean }) => {
      const ln = new LayerNorm(options);
      ln.ensureBuilt([2, 3]);
      return [...ln.namedParameters().keys()];
    };
    expect(make({ center: false })).toEqual(['gamma']);
    expect(make({ scale: false })).toEqual(['beta']);
    expect(make({ center: false, scale: false })).toEqual([]);
  });

  it('rejects more axes than the input has besides the batch, a changed shape and bad options', () => {
    const error = oneLineError(() => new LayerNorm({ axes: 2 }).ensureBuilt([4, 6]));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      'layerNorm: cannot normalize the last 2 axes of an input of shape [4, 6]: the first axis is the batch. Use axes <= 1 or add the batch axis',
    );
    const ln = new LayerNorm();
    ln.ensureBuilt([-1, 6]);
    expect(oneLineError(() => ln.apply(tf.ones([4, 5]))).message).toMatch(
      /^layerNorm: built for inputs of shape \[\?, 6\]/,
    );
    expect(oneLineError(() => new LayerNorm({ axes: 0 }))).toBeInstanceOf(InvalidOptionError);
    expect(oneLineError(() => new LayerNorm({ axes: 0 })).message).toBe(
      'normalization "layerNorm": option "axes" must be an integer >= 1, got 0',
    );
  });
});
