import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { grad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { Random } from '../random/random.js';
import { countLeaks } from '../testing/leaks.js';
import { Dropout, dropout } from './dropout.js';

const maskOf = (layer: Dropout, shape: number[]) =>
  tf.tidy(() => Array.from(layer.apply(tf.ones(shape), { training: true }).dataSync()));

describe.each<BackendName>(['cpu', 'wasm'])('dropout on %s', (backend) => {
  it('zeroes about a share rate of the values and scales the rest by 1 / (1 - rate)', async () => {
    await useBackend(backend);
    const layer = new Dropout({ rate: 0.3, random: new Random(1) });
    const values = maskOf(layer, [100, 200]);
    const kept = values.filter((v) => v !== 0);
    // 20000 Bernoulli(0.7) draws: the share kept is within 4 standard deviations (0.013) of 0.7
    expect(Math.abs(kept.length / values.length - 0.7)).toBeLessThan(0.013);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.7)]));
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.03);
  });

  it('is the identity in inference, and with rate 0', async () => {
    await useBackend(backend);
    const x = new Random(2).normalTensor([4, 5]);
    expect(new Dropout({ rate: 0.5 }).apply(x)).toBe(x);
    expect(new Dropout({ rate: 0.5 }).apply(x, { training: false })).toBe(x);
    expect(new Dropout({ rate: 0 }).apply(x, { training: true })).toBe(x);
    x.dispose();
  });

  it('passes the gradient through the kept values only, scaled like them', async () => {
    await useBackend(backend);
    const layer = new Dropout({ rate: 0.5, random: new Random(3) });
    const x = tf.fill([6, 7], 2);
    let output: number[] = [];
    const dx = grad((input) => {
      const y = layer.apply(input, { training: true });
      output = Array.from(y.dataSync());
      return y;
    })(x);
    expect(Array.from(dx.dataSync())).toEqual(output.map((v) => v / 2));
    expect(output.some((v) => v === 0) && output.some((v) => v === 4)).toBe(true);
    tf.dispose([x, dx]);
  });
});

describe('Dropout', () => {
  beforeAll(() => useBackend('cpu'));

  it('draws a fresh mask each training call, the same sequence from the same seed', () => {
    const first = new Dropout({ rate: 0.5, random: new Random(7) });
    const again = new Dropout({ rate: 0.5, random: new Random(7) });
    const other = new Dropout({ rate: 0.5, random: new Random(8) });
    const masks = [maskOf(first, [64]), maskOf(first, [64])];
    expect(masks[0]).not.toEqual(masks[1]);
    expect([maskOf(again, [64]), maskOf(again, [64])]).toEqual(masks);
    expect(maskOf(other, [64])).not.toEqual(masks[0]);
    expect(first.masksDrawn).toBe(2);
    // inference calls draw nothing, so they do not shift the training masks
    const interleaved = new Dropout({ rate: 0.5, random: new Random(7) });
    const ones = tf.ones([64]);
    interleaved.apply(ones);
    expect(maskOf(interleaved, [64])).toEqual(masks[0]);
    ones.dispose();
  });

  it('validates rate in [0, 1) and its entry carries rate in a model config', () => {
    expect(() => new Dropout({ rate: 1 })).toThrow(
      'layer "dropout": option "rate" must be a number >= 0 and < 1, got 1',
    );
    expect(() => new Dropout({ rate: -0.1 })).toThrow('got -0.1');
    expect(new Dropout().options.rate).toBe(0.5);
    expect(dropout.metadata).toEqual({ shorthand: 'rate' });
    const layer = dropout.create({ rate: 0.25 }, { random: new Random(7) } as never);
    expect(layer).toBeInstanceOf(Dropout);
    expect(maskOf(layer as Dropout, [8])).toEqual(
      maskOf(new Dropout({ rate: 0.25, random: new Random(7) }), [8]),
    );
  });

  it('leaves no tensors behind', async () => {
    await useBackend('cpu');
    const layer = new Dropout({ rate: 0.5 });
    const x = tf.ones([10, 10]);
    expect(await countLeaks(() => layer.apply(x, { training: true }))).toBe(0);
    x.dispose();
  });
});
