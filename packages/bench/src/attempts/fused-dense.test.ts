import { type BackendName, Random, tf, useBackend, valueAndGrad } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { FusedMlp, fusedDense } from './fused-dense.js';

describe.each(['cpu', 'wasm'] as BackendName[])('fused dense on %s', (backend) => {
  it('gives the loss and gradients of the unfused computation', async () => {
    await useBackend(backend);
    const spec = {
      sizes: [5, 4, 3],
      batchSize: 6,
      batchesPerEpoch: 1,
      learningRate: 1e-3,
      labelSmoothing: 0,
      seed: 0,
    };
    const model = new FusedMlp(spec);
    const x = new Random(4).normalTensor([6, 5]);
    const parameters = model.namedParameters();
    const unfused = () => {
      const [k0, b0, k1, b1] = ['0.kernel', '0.bias', '1.kernel', '1.bias'].map(
        (name) => parameters.get(name)!,
      );
      const hidden = tf.relu(tf.add(tf.matMul(x, k0!), b0!));
      return tf.sum(tf.square(tf.add(tf.matMul(hidden, k1!), b1!))) as tf.Scalar;
    };
    const fused = () => tf.sum(tf.square(model.apply(x))) as tf.Scalar;
    const uninstall = fusedDense.install!();
    const a = valueAndGrad(fused, parameters);
    uninstall();
    const b = valueAndGrad(unfused, parameters);
    expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0]!, 4);
    expect([...a.grads.keys()].sort()).toEqual([...b.grads.keys()].sort());
    for (const [name, gradient] of b.grads) {
      const actual = a.grads.get(name)!;
      expect(actual.shape).toEqual(gradient.shape);
      expect(tf.max(tf.abs(tf.sub(actual, gradient))).dataSync()[0]).toBeLessThan(1e-4);
    }
    tf.dispose([a.value, b.value, ...a.grads.values(), ...b.grads.values(), x]);
    model.dispose();
  });
});
