import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { core } from '../plugin.js';
import { createRegistry } from '../registry/registry.js';

const fanin = createRegistry({ plugins: [core] });

beforeAll(async () => {
  await useBackend('cpu');
});

describe('optimizer state and contract', () => {
  it('leaves parameters without a gradient unchanged and counts steps', () => {
    const a = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const optimizer = fanin.optimizer('sgd', { learningRate: 0.5 });
    const g = tf.tensor1d([1, -1]);
    optimizer.step(
      new Map([
        ['a', a],
        ['b', b],
      ]),
      new Map([['a', g]]),
    );
    expect(Array.from(a.dataSync())).toEqual([0.5, 2.5]);
    expect(Array.from(b.dataSync())).toEqual([3]);
    expect(optimizer.iterations).toBe(1);
    tf.dispose([a, b, g]);
  });

  it('uses a changed learning rate at once (the velocity is scaled by the current rate)', () => {
    const p = tf.variable(tf.scalar(0));
    const g = tf.scalar(1);
    const optimizer = fanin.optimizer('momentum', { learningRate: 1, momentum: 0.5 });
    const params = new Map([['p', p]]);
    optimizer.step(params, new Map([['p', g]]));
    expect(p.dataSync()[0]).toBe(-1);
    optimizer.learningRate = 0.1;
    optimizer.step(params, new Map([['p', g]]));
    // v = 0.5 * 1 + 1 = 1.5; p = -1 - 0.1 * 1.5
    expect(p.dataSync()[0]).toBeCloseTo(-1.15, 6);
    optimizer.dispose();
    tf.dispose([p, g]);
  });

  it('keeps state per parameter name and releases it on dispose', () => {
    const before = tf.memory().numTensors;
    const p = tf.tidy(() => tf.variable(tf.ones([2, 2])));
    const q = tf.tidy(() => tf.variable(tf.ones([3])));
    const optimizer = fanin.optimizer('adam', { amsgrad: true });
    const grads = new Map([
      ['p', tf.ones([2, 2])],
      ['q', tf.ones([3])],
    ]);
    const params = new Map([
      ['p', p],
      ['q', q],
    ]);
    optimizer.step(params, grads);
    optimizer.step(params, grads);
    // Three slots (two moments and the running maximum) for each of the two parameters.
    expect(tf.memory().numTensors).toBe(before + 2 + 2 + 6);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before + 2 + 2);
    expect(() => optimizer.step(params, grads)).toThrow('optimizer "adam" was disposed');
    tf.dispose([p, q, ...grads.values()]);
  });

  it('refuses a gradient of the wrong shape and a parameter that changed shape', () => {
    const p = tf.variable(tf.ones([2]));
    const wrong = tf.ones([3]);
    const optimizer = fanin.optimizer('rmsprop');
    expect(() => optimizer.step(new Map([['p', p]]), new Map([['p', wrong]]))).toThrow(
      'optimizer "rmsprop": gradient of "p" has shape [3] but the parameter has [2]',
    );
    expect(optimizer.iterations).toBe(0);
    const g = tf.ones([2]);
    optimizer.step(new Map([['p', p]]), new Map([['p', g]]));
    const bigger = tf.variable(tf.ones([3]));
    expect(() => optimizer.step(new Map([['p', bigger]]), new Map([['p', wrong]]))).toThrow(
      'parameter "p" changed shape from [2] to [3]',
    );
    optimizer.dispose();
    tf.dispose([p, wrong, g, bigger]);
  });

  it('validates options with the registry', () => {
    expect(() => fanin.optimizer('adam', { beta1: 1 })).toThrow(
      'optimizer "adam": option "beta1" must be a number >= 0 and < 1, got 1',
    );
    expect(() => fanin.optimizer('sgd', { learningRate: 0 })).toThrow(
      'option "learningRate" must be a number > 0, got 0',
    );
    expect(() => fanin.create('optimizer', { type: 'adam', lr: 0.1 })).toThrow(
      'unknown option "lr"',
    );
    expect(fanin.list('optimizer').map((e) => e.name)).toEqual([
      'adagrad',
      'adam',
      'adamw',
      'momentum',
      'nesterov',
      'rmsprop',
      'sgd',
    ]);
  });
});
