import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/conv.json' with { type: 'json' };
import { useBackend } from '../backend/backend.js';
import { Dense } from '../modules/dense.js';
import { Sequential } from '../modules/sequential.js';
import { countLeaks } from '../testing/leaks.js';
import { Flatten, flatten } from './flatten.js';

describe('Flatten', () => {
  beforeAll(() => useBackend('cpu'));

  it('flattens NHWC in (h, w, c) order, which is not PyTorch NCHW (c, h, w) order', async () => {
    await useBackend('cpu');
    const c = fixture.flatten;
    const x = tf.tensor(c.x.values, c.x.shape);
    const y = new Flatten().apply(x);
    expect(y.shape).toEqual(c.outputShape);
    expect(Array.from(y.dataSync())).toEqual(Array.from(Float32Array.from(c.output)));
    // the same values in another order: a port that ignores the layout would be wrong
    expect(Array.from(y.dataSync())).not.toEqual(Array.from(Float32Array.from(c.torchOrder)));
    expect([...y.dataSync()].sort()).toEqual([...Float32Array.from(c.torchOrder)].sort());
    tf.dispose([x, y]);
  });

  it("ports a PyTorch flatten + Linear head: the Linear weight's columns reordered (c, h, w) -> (h, w, c)", async () => {
    await useBackend('cpu');
    const c = fixture.flatten;
    const head = new Sequential([new Flatten(), new Dense({ units: c.dense.bias.length })]);
    const x = tf.tensor(c.x.values, c.x.shape);
    head.ensureBuilt(x.shape);
    const dense = head.layers[1] as Dense;
    const output = (kernel: tf.Tensor) =>
      tf.tidy(() => {
        dense.kernel!.assign(kernel);
        dense.bias!.assign(tf.tensor(c.dense.bias));
        return Array.from(head.apply(x).dataSync());
      });
    const ported = tf.tensor(c.dense.kernel.values, c.dense.kernel.shape);
    const portedOutput = output(ported);
    for (let i = 0; i < c.dense.output64.length; i++) {
      expect(Math.abs(portedOutput[i]! - c.dense.output64[i]!)).toBeLessThan(1e-5);
    }
    // PyTorch's weight merely transposed (no reordering) gives other numbers
    const transposed = tf.transpose(
      tf.tensor(c.dense.torchWeight.values, c.dense.torchWeight.shape),
    );
    const wrong = output(transposed);
    expect(Math.max(...wrong.map((v, i) => Math.abs(v - c.dense.output64[i]!)))).toBeGreaterThan(
      0.1,
    );
    tf.dispose([x, ported, transposed]);
    head.dispose();
  });

  it('computes output shapes, keeps a 2-D input and leaves no tensors behind', async () => {
    expect(new Flatten().outputShape([-1, 7, 7, 64])).toEqual([-1, 3136]);
    expect(new Flatten().outputShape([8, 10])).toEqual([8, 10]);
    expect(new Flatten().outputShape([8, -1, 3])).toEqual([8, -1]);
    expect(() => new Flatten().outputShape([5])).toThrow(
      'flatten needs an input [batch, ...features], got [5]. Its first axis is the batch, which it keeps',
    );
    const x = tf.ones([2, 3, 4, 5]);
    expect(await countLeaks(() => new Flatten().apply(x))).toBe(0);
    x.dispose();
    expect(flatten.metadata).toBeUndefined();
  });

  it('is what dense asks for when it is fed a feature map', () => {
    const dense = new Dense({ units: 10 });
    expect(() => dense.ensureBuilt([1, 28, 28, 16])).toThrow(
      'dense got a 4-D input [1, 28, 28, 16]; add { "flatten": true } before it. For a per-pixel projection use a 1x1 conv2d',
    );
    const model = new Sequential([new Flatten(), new Dense({ units: 10 })]);
    model.ensureBuilt([1, 28, 28, 16]);
    expect(model.outputShape([1, 28, 28, 16])).toEqual([1, 10]);
    model.dispose();
  });
});
