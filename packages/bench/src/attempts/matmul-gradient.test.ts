import { type BackendName, grad, Random, registerGradients, tf, useBackend } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { batchMatMulGradient, patchGradient, transposeFlags } from './matmul-gradient.js';

describe('batchMatMulGradient', () => {
  it.each([
    ['cpu', true],
    ['cpu', false],
    ['wasm', true],
    ['wasm', false],
  ] as [BackendName, boolean][])(
    'on %s with explicit=%s matches the registered gradient for every transpose combination',
    async (backend, explicit) => {
      await useBackend(backend);
      const random = new Random(7);
      const a = random.normalTensor([3, 4]);
      const b = random.normalTensor([4, 5]);
      const bTransposed = tf.transpose(b);
      const aTransposed = tf.transpose(a);
      for (const [left, right, ta, tb] of [
        [a, b, false, false],
        [a, bTransposed, false, true],
        [aTransposed, b, true, false],
        [aTransposed, bTransposed, true, true],
      ] as const) {
        const f = (x: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, right, ta, tb)));
        const expected = grad(f)(left);
        const undo = patchGradient(tf.BatchMatMul, batchMatMulGradient(explicit).gradFunc);
        const actual = grad(f)(left);
        undo();
        expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThan(1e-4);
        tf.dispose([expected, actual]);
      }
      tf.dispose([a, b, aTransposed, bTransposed]);
    },
  );
});

describe('patchGradient', () => {
  it("survives core's registerGradients and restores the original function", async () => {
    await useBackend('wasm');
    registerGradients();
    const entry = tf.getGradient(tf.BatchMatMul)!;
    const original = entry.gradFunc;
    const undo = transposeFlags.install!();
    registerGradients();
    expect(tf.getGradient(tf.BatchMatMul)).toBe(entry);
    expect(entry.gradFunc).not.toBe(original);
    undo();
    expect(entry.gradFunc).toBe(original);
  });
});

describe("fanin's BatchMatMul gradient after tfjs-layers re-registers tfjs's", () => {
  it('is back in place on wasm: the backward pass transposes explicitly', async () => {
    await import('@tensorflow/tfjs-layers');
    await useBackend('wasm');
    const random = new Random(1);
    const x = random.normalTensor([4, 3]);
    const w = tf.variable(random.normalTensor([3, 2]));
    const profile = await tf.profile(() => {
      const gradient = grad((v) => tf.sum(tf.matMul(x, v)))(w);
      gradient.dispose();
    });
    // tfjs's gradient would run matMul(x, dy, transposeA) with no Transpose kernel.
    expect(profile.kernels.some((kernel) => kernel.name === tf.Transpose)).toBe(true);
    tf.dispose([x, w]);
  });
});
