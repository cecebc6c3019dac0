import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/conv.json' with { type: 'json' };
import { valueAndGrad } from '../autograd/grad.js';
import { gradcheck } from '../autograd/gradcheck.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { Random } from '../random/random.js';
import { countLeaks, liveTensors } from '../testing/leaks.js';
import { AvgPool2d, avgPool2d } from './avg-pool2d.js';
import { MaxPool2d, maxPool2d } from './max-pool2d.js';
import type { Pool2dOptions } from './pool2d.js';

/** float32 against PyTorch's float64 from the same inputs: a max is exact, a mean of <= 9 values. */
const RTOL = 1e-6;
const ATOL = 1e-6;

type Case = (typeof fixture.pool)[number];

function worstRatio(ours: ArrayLike<number>, torch: readonly number[]): number {
  expect(ours.length).toBe(torch.length);
  let worst = 0;
  for (let i = 0; i < torch.length; i++) {
    const ratio = Math.abs(ours[i]! - torch[i]!) / (RTOL * Math.abs(torch[i]!) + ATOL);
    worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : Math.max(worst, ratio);
  }
  return worst;
}

const layerOf = (c: Case) =>
  c.kind === 'maxPool2d'
    ? new MaxPool2d(c.options as Pool2dOptions)
    : new AvgPool2d(c.options as Pool2dOptions);

describe.each<BackendName>(['cpu', 'wasm'])('pooling on %s', (backend) => {
  it.each(fixture.pool.map((c) => [c.name, c] as const))(
    'matches PyTorch: %s',
    async (_name, c) => {
      await useBackend(backend);
      const before = liveTensors();
      const layer = layerOf(c);
      expect(layer.outputShape(c.x.shape)).toEqual(c.outputShape);
      const initial = tf.tensor(c.x.values, c.x.shape);
      const x = tf.variable(initial);
      const weighting = tf.tensor(c.weighting, c.outputShape);
      let output: Float32Array | undefined;
      const { value, grads } = valueAndGrad(
        () => {
          const y = layer.apply(x);
          expect(y.shape).toEqual(c.outputShape);
          output = y.dataSync() as Float32Array;
          return tf.sum(tf.mul(y, weighting));
        },
        new Map([['x', x]]),
      );
      expect(worstRatio(output!, c.output64), 'output').toBeLessThanOrEqual(1);
      expect(worstRatio(grads.get('x')!.dataSync(), c.gradX64), 'gradient').toBeLessThanOrEqual(1);
      if (c.countIncludePad) {
        // PyTorch's count_include_pad=True divides edge windows by the whole window: not fanin's
        expect(worstRatio(output!, c.countIncludePad)).toBeGreaterThan(1000);
      }
      tf.dispose([initial, x, weighting, value, ...grads.values()]);
      expect(liveTensors()).toBe(before);
    },
  );

  it('passes gradcheck', async () => {
    await useBackend(backend);
    const x = new Random(2).normalTensor([1, 5, 6, 2]);
    for (const layer of [
      new MaxPool2d({ poolSize: 3, stride: 2, padding: 'same' }),
      new AvgPool2d({ poolSize: [2, 3], stride: [1, 2], padding: 'same' }),
    ]) {
      const result = gradcheck((input) => layer.apply(input!), [x], { epsilon: 1e-3 });
      expect(result.ok, `${layer.type}: ${JSON.stringify(result.worst)}`).toBe(true);
    }
    x.dispose();
  });
});

describe('MaxPool2d and AvgPool2d', () => {
  beforeAll(() => useBackend('cpu'));

  it('default the stride to the pool size and compute output shapes', () => {
    const shape = (options: Pool2dOptions, input: number[]) =>
      new MaxPool2d(options).outputShape(input);
    expect(shape({ poolSize: 2 }, [-1, 28, 28, 8])).toEqual([-1, 14, 14, 8]);
    expect(shape({ poolSize: 2 }, [1, 5, 7, 3])).toEqual([1, 2, 3, 3]);
    expect(shape({ poolSize: 2, padding: 'same' }, [1, 5, 7, 3])).toEqual([1, 3, 4, 3]);
    expect(shape({ poolSize: [2, 3], stride: 1 }, [1, 5, 7, 3])).toEqual([1, 4, 5, 3]);
    expect(
      new AvgPool2d({ poolSize: 3, stride: 2, padding: 'same' }).outputShape([2, 7, 8, 2]),
    ).toEqual([2, 4, 4, 2]);
  });

  it('refuse bad input in one line', () => {
    expect(() => new MaxPool2d({ poolSize: 2 }).outputShape([-1, 784])).toThrow(
      'maxPool2d needs a 4-D NHWC input [batch, height, width, channels], got [N, 784]; put conv layers before flatten',
    );
    expect(() => new AvgPool2d({ poolSize: 3 }).outputShape([1, 2, 8, 1])).toThrow(
      'avgPool2d: the pool window 3x3 is larger than the input 2x8',
    );
    expect(() => new MaxPool2d({ poolSize: 2, stride: 0 })).toThrow(
      'layer "maxPool2d": option "stride" must be an integer >= 1 or a pair [height, width] of them, got 0',
    );
    expect(() => new AvgPool2d({ poolSize: 2, padding: 1 as never })).toThrow(
      'layer "avgPool2d": option "padding" must be one of "valid", "same", got 1',
    );
  });

  it("spread a tiling pool's gradient over its windows, zeros past the last whole window", async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      // 3 x 5: 2x2 windows cover rows 0-1 and columns 0-3; row 2 and column 4 are dropped.
      const x = tf.tensor4d(
        Array.from({ length: 15 }, (_, i) => (i * 7) % 11),
        [1, 3, 5, 1],
      );
      const weights = tf.tensor4d([1, 2], [1, 1, 2, 1]);
      const loss = (layer: MaxPool2d | AvgPool2d) => (input: tf.Tensor) =>
        tf.sum(tf.mul(layer.apply(input), weights));
      const avg = tf.grad(loss(new AvgPool2d({ poolSize: 2 })))(x);
      expect(Array.from(avg.dataSync()), backend).toEqual([
        0.25, 0.25, 0.5, 0.5, 0, 0.25, 0.25, 0.5, 0.5, 0, 0, 0, 0, 0, 0,
      ]);
      // x = [0 7 3 10 6 / 2 9 5 1 8 / ...]: window maxima 9 (row 1, col 1) and 10 (row 0, col 3).
      const max = tf.grad(loss(new MaxPool2d({ poolSize: 2 })))(x);
      expect(Array.from(max.dataSync()), backend).toEqual([
        0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
      ]);
      tf.dispose([x, weights, avg, max]);
    }
  });

  it("send a tied window's gradient to its first maximum only, as PyTorch", async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      // relu-like input: the first window is all zeros, the second has two tied 1s
      const x = tf.tensor4d([0, 0, 1, 0, 0, 0, 1, 0], [1, 2, 4, 1]);
      const dx = tf.grad((input: tf.Tensor) => tf.sum(new MaxPool2d({ poolSize: 2 }).apply(input)))(
        x,
      );
      expect(Array.from(dx.dataSync()), backend).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
      tf.dispose([x, dx]);
    }
  });

  it('have entries whose name carries poolSize, and leave no tensors behind', async () => {
    expect(maxPool2d.metadata).toEqual({ shorthand: 'poolSize' });
    expect(avgPool2d.metadata).toEqual({ shorthand: 'poolSize' });
    const layer = avgPool2d.create(
      { poolSize: 2, stride: undefined, padding: 'same' },
      {} as never,
    );
    expect(layer).toBeInstanceOf(AvgPool2d);
    const x = tf.ones([1, 3, 3, 1]);
    expect(await countLeaks(() => layer.apply(x))).toBe(0);
    // the padded corner averages its one real value (padding not counted)
    const y = layer.apply(x);
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1]);
    tf.dispose([x, y]);
  });
});
