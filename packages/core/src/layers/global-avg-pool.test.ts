import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/conv.json' with { type: 'json' };
import { valueAndGrad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';
import { liveTensors } from '../testing/leaks.js';
import { GlobalAvgPool, globalAvgPool } from './global-avg-pool.js';

describe.each<BackendName>(['cpu', 'wasm'])('globalAvgPool on %s', (backend) => {
  it("matches PyTorch's adaptive_avg_pool2d(x, 1).flatten(1), value and gradient", async () => {
    await useBackend(backend);
    const c = fixture.globalAvgPool;
    const before = liveTensors();
    const initial = tf.tensor(c.x.values, c.x.shape);
    const x = tf.variable(initial);
    const weighting = tf.tensor(c.weighting, c.outputShape);
    const layer = new GlobalAvgPool();
    let output: number[] = [];
    const { value, grads } = valueAndGrad(
      () => {
        const y = layer.apply(x);
        expect(y.shape).toEqual(c.outputShape);
        output = Array.from(y.dataSync());
        return tf.sum(tf.mul(y, weighting));
      },
      new Map([['x', x]]),
    );
    // a mean of 12 float32 values: 1e-6 absolute holds it
    const gradX = grads.get('x')!.dataSync();
    for (let i = 0; i < c.output64.length; i++) {
      expect(Math.abs(output[i]! - c.output64[i]!)).toBeLessThan(1e-6);
    }
    for (let i = 0; i < c.gradX64.length; i++) {
      expect(Math.abs(gradX[i]! - c.gradX64[i]!)).toBeLessThan(1e-7);
    }
    tf.dispose([initial, x, weighting, value, ...grads.values()]);
    expect(liveTensors()).toBe(before);
  });
});

describe('GlobalAvgPool', () => {
  it('maps NHWC [N, H, W, C] to [N, C] and refuses other ranks', () => {
    expect(new GlobalAvgPool().outputShape([-1, 7, 7, 64])).toEqual([-1, 64]);
    expect(() => new GlobalAvgPool().outputShape([-1, 64])).toThrow(
      'globalAvgPool needs a 4-D NHWC input [batch, height, width, channels], got [N, 64]; put conv layers before flatten',
    );
    expect(globalAvgPool.metadata).toBeUndefined();
    expect(globalAvgPool.options).toEqual({});
  });
});
