import { grad, ShapeError, tf, useBackend, valueAndGrad } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prelu, prelu } from './prelu.js';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('prelu', () => {
  it('uses one shared slope by default, initialized to 0.25 (PyTorch)', () => {
    const layer = new Prelu();
    const y = layer.apply(
      tf.tensor2d([
        [-4, 2],
        [8, -1],
      ]),
    );
    expect(Array.from(y.dataSync())).toEqual([-1, 2, 8, -0.25]);
    expect([...layer.namedParameters().keys()]).toEqual(['alpha']);
    expect(layer.alpha!.shape).toEqual([]);
    layer.dispose();
  });

  it('uses one slope per channel of the last axis when asked', () => {
    const layer = new Prelu({ perChannel: true, init: 0.5 });
    layer.apply(tf.zeros([2, 3, 4]));
    expect(layer.alpha!.shape).toEqual([4]);
    expect(Array.from(layer.alpha!.dataSync())).toEqual([0.5, 0.5, 0.5, 0.5]);
    layer.dispose();
  });

  it('has derivative alpha at 0 (PyTorch) and gradients for its slope: x where x <= 0, summed', () => {
    const alpha = tf.tensor1d([0.25, -0.5]);
    const x = tf.tensor2d([
      [-2, 0],
      [3, -4],
    ]);
    expect(Array.from(grad((t) => prelu(t, alpha))(x).dataSync())).toEqual([0.25, -0.5, 1, -0.5]);
    expect(Array.from(grad((a) => prelu(x, a))(alpha).dataSync())).toEqual([-2, -4]);
  });

  it('trains: its slope gets a gradient and gradient descent moves it where the data wants', () => {
    // target: a leaky relu with slope 0.1; start from 0.25
    const layer = new Prelu();
    const x = tf.tensor2d([[-1, -2, -3, 4, -5, 6]]);
    const target = tf.tensor2d([[-0.1, -0.2, -0.3, 4, -0.5, 6]]);
    layer.ensureBuilt(x.shape);
    for (let stepIndex = 0; stepIndex < 50; stepIndex++) {
      const { value, grads } = valueAndGrad(
        () => tf.mean(tf.square(tf.sub(layer.apply(x, { training: true }), target))),
        layer.namedParameters(),
      );
      const gradient = grads.get('alpha')!;
      layer.alpha!.assign(tf.tidy(() => tf.sub(layer.alpha!, tf.mul(gradient, 0.05))));
      value.dispose();
      gradient.dispose();
    }
    expect(layer.alpha!.dataSync()[0]).toBeCloseTo(0.1, 3);
    layer.dispose();
  });

  it('rejects a slope vector that does not match the channels', () => {
    expect(() => prelu(tf.zeros([2, 3]), tf.zeros([4]))).toThrow(ShapeError);
    expect(() => prelu(tf.zeros([2, 3]), tf.zeros([4]))).toThrow(
      'prelu: alpha of shape [4] does not fit an input of shape [2, 3]',
    );
  });
});
