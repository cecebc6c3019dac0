import { grad, Random, ShapeError, type Tensor, tf, useBackend, valueAndGrad } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Maxout, maxout, maxoutSecondMoment } from './maxout.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('maxout', () => {
  it('takes the max of k affine pieces per unit (column j * k + p is piece p of unit j)', () => {
    const x = tf.tensor2d([[1, -1]]);
    // unit 0: pieces x0 and -x0 (abs); unit 1: pieces x1, 0, 2 x1
    const kernel = tf.tensor2d([
      [1, -1, 0, 0, 0, 0],
      [0, 0, 1, 0, 2, 0],
    ]);
    const y = maxout(x, tf.slice(kernel, [0, 0], [2, 6]), undefined, 2);
    expect(y.shape).toEqual([1, 3]);
    // pairs: (1, -1) -> 1; (-1, 0) -> 0; (-2, 0) -> 0
    expect(Array.from(y.dataSync())).toEqual([1, 0, 0]);
    const three = maxout(x, kernel, tf.zeros([6]), 3);
    // triples: (1, -1, -1) -> 1; (0, -2, 0) -> 0
    expect(Array.from(three.dataSync())).toEqual([1, 0]);
  });

  it('keeps the leading axes of a rank-3 input', () => {
    const layer = new Maxout({ units: 5, pieces: 3 });
    expect(layer.apply(tf.ones([2, 4, 6])).shape).toEqual([2, 4, 5]);
    expect(layer.outputShape([2, 4, 6])).toEqual([2, 4, 5]);
    expect(layer.kernel!.shape).toEqual([6, 15]);
    expect(layer.bias!.shape).toEqual([15]);
    layer.dispose();
  });

  it('defaults to as many units as input features and 2 pieces', () => {
    const layer = new Maxout();
    expect(layer.apply(tf.ones([3, 7])).shape).toEqual([3, 7]);
    expect(layer.kernel!.shape).toEqual([7, 14]);
    layer.dispose();
  });

  it('is seeded: new Random(seed).fork("kernel"), Glorot-uniform bound, zero bias, same on every backend', async () => {
    const kernelOf = (options: { seed?: number; random?: Random }) => {
      const layer = new Maxout({ units: 4, pieces: 2, ...options });
      layer.ensureBuilt([1, 6]);
      const values = Array.from(layer.kernel!.dataSync());
      const bias = Array.from(layer.bias!.dataSync());
      layer.dispose();
      return { values, bias };
    };
    const seeded = kernelOf({ seed: 3 });
    const expected = new Random(3)
      .fork('kernel')
      .uniformTensor([6, 8], -Math.sqrt(6 / 10), Math.sqrt(6 / 10));
    expect(seeded.values).toEqual(Array.from(expected.dataSync()));
    expected.dispose();
    expect(seeded.bias).toEqual(new Array(8).fill(0));
    expect(kernelOf({ seed: 3 }).values).toEqual(seeded.values);
    expect(kernelOf({ seed: 4 }).values).not.toEqual(seeded.values);
    expect(kernelOf({ random: new Random(3) }).values).toEqual(seeded.values);
    expect(Math.max(...seeded.values.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 10));
    await useBackend('wasm');
    expect(kernelOf({ seed: 3 }).values).toEqual(seeded.values);
    await useBackend('cpu');
  });

  it('trains: kernel and bias get gradients and the loss falls', () => {
    const layer = new Maxout({ units: 1, pieces: 2, seed: 1 });
    // learn |x| from samples
    const x = tf.tensor2d([[-2], [-1], [-0.5], [0.5], [1], [2]]);
    const target = tf.abs(x);
    const loss = () =>
      tf.mean(tf.square(tf.sub(layer.apply(x, { training: true }), target))) as tf.Scalar;
    const initial = tf.tidy(() => loss().dataSync()[0]!);
    for (let stepIndex = 0; stepIndex < 200; stepIndex++) {
      const { value, grads } = valueAndGrad(loss, layer.namedParameters());
      expect([...grads.keys()].sort()).toEqual(['bias', 'kernel']);
      for (const [name, gradient] of grads) {
        const parameter = layer.namedParameters().get(name)!;
        parameter.assign(tf.tidy(() => tf.sub(parameter, tf.mul(gradient, 0.1))));
        gradient.dispose();
      }
      value.dispose();
    }
    const final = tf.tidy(() => loss().dataSync()[0]!);
    expect(initial).toBeGreaterThan(0.1);
    expect(final).toBeLessThan(1e-3);
    layer.dispose();
  });

  it('sends the gradient to one piece at a tie (as PyTorch), not to every tied piece', () => {
    const x = tf.tensor2d([[1, 2]]);
    const kernel = tf.zeros([2, 6]); // every piece ties at 0
    const dx = grad((k: Tensor) => tf.sum(maxout(x, k, undefined, 3)))(kernel);
    // d/dkernel of the chosen (first) piece of each unit is x; the others get nothing
    expect(Array.from(dx.dataSync())).toEqual([1, 0, 0, 1, 0, 0, 2, 0, 0, 2, 0, 0]);
  });

  it('checks shapes', () => {
    expect(() => maxout(tf.zeros([1, 3]), tf.zeros([3, 5]), undefined, 2)).toThrow(ShapeError);
    expect(() => maxout(tf.zeros([1, 3]), tf.zeros([2, 4]), undefined, 2)).toThrow(
      'maxout: kernel of shape [2, 4] does not fit an input of shape [1, 3] with 2 pieces',
    );
    expect(() => new Maxout({ pieces: 1 })).toThrow(
      'maxout: pieces must be an integer >= 2, got 1',
    );
  });

  it('has the second moment of the max of k standard normals (1 for k = 2)', () => {
    expect(maxoutSecondMoment(2)).toBeCloseTo(1, 8);
    expect(maxoutSecondMoment(3)).toBeGreaterThan(1);
  });
});
