import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/gradients.json' with { type: 'json' };
import { grad } from '../autograd/grad.js';
import { type BackendName, useBackend } from '../backend/backend.js';

/**
 * float32 against PyTorch's float64 result from the same inputs: sums of at most 6 products
 * of N(0, 1) values, so 1e-5 relative plus 1e-6 absolute holds float32 rounding with room.
 */
const RTOL = 1e-5;
const ATOL = 1e-6;

type Case = (typeof fixture.matMul)[number];

function label(c: Case): string {
  const side = (name: string, shape: number[], transposed: boolean) =>
    `${name}[${shape.join(',')}]${transposed ? 'ᵀ' : ''}`;
  return `${side('a', c.a.shape, c.transposeA)} @ ${side('b', c.b.shape, c.transposeB)}`;
}

/** The largest |ours - torch| / (RTOL |torch| + ATOL): at most 1 passes. */
function worstRatio(ours: ArrayLike<number>, torch: readonly number[]): number {
  expect(ours.length).toBe(torch.length);
  let worst = 0;
  for (let i = 0; i < torch.length; i++) {
    const ratio = Math.abs(ours[i]! - torch[i]!) / (RTOL * Math.abs(torch[i]!) + ATOL);
    worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : Math.max(worst, ratio);
  }
  return worst;
}

/**
 * Every case on both backends, batches broadcast on both sides too (a [2, 1] against b [5]: 10
 * products): tfjs's own wasm kernel computes max(2, 5) = 5 of them, fanin's wrapper
 * (kernels/wasm-matmul.ts) copies such an operand out to the full batch first.
 */
function casesFor(_backend: BackendName): (readonly [string, Case])[] {
  return fixture.matMul.map((c) => [label(c), c] as const);
}

describe.each<BackendName>(['cpu', 'wasm'])(
  'the gradient of a broadcasting matMul on %s',
  (backend) => {
    it.each(casesFor(backend))('matches PyTorch for %s', async (_label, c) => {
      await useBackend(backend);
      const before = tf.memory().numTensors;
      const a = tf.tensor(c.a.values, c.a.shape);
      const b = tf.tensor(c.b.values, c.b.shape);
      const weighting = tf.tensor(c.weighting, c.outputShape);
      const objective = (x: tf.Tensor, y: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(x, y, c.transposeA, c.transposeB), weighting));
      const output = tf.matMul(a, b, c.transposeA, c.transposeB);
      const [gradA, gradB] = tf.grads(objective)([a, b]);
      expect(output.shape).toEqual(c.outputShape);
      expect(gradA!.shape).toEqual(c.a.shape);
      expect(gradB!.shape).toEqual(c.b.shape);
      expect(worstRatio(output.dataSync(), c.output64), 'output').toBeLessThanOrEqual(1);
      expect(worstRatio(gradA!.dataSync(), c.gradA64), 'gradient of a').toBeLessThanOrEqual(1);
      expect(worstRatio(gradB!.dataSync(), c.gradB64), 'gradient of b').toBeLessThanOrEqual(1);
      tf.dispose([a, b, weighting, output, gradA!, gradB!]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('differentiates the reduced gradient again (second order through a broadcast)', async () => {
      await useBackend(backend);
      // f(b) = sum((a @ b)^2) / 2 with b [4, 2] shared by the 2 batches of a [2, 3, 4]:
      // f'(b) = sum_n a_n^T a_n b = M b, and the gradient of sum(f'(b)) is M^T 1 (the column
      // sums of M = sum_n a_n^T a_n) in every column of b.
      const a = tf
        .tensor3d([1, -2, 0.5, 3, -1, 1, 2, 0.25, 0, 1, -1, 2], [1, 3, 4])
        .tile([2, 1, 1]);
      const b = tf.ones([4, 2]);
      const half = (x: tf.Tensor) => tf.div(tf.sum(tf.square(tf.matMul(a, x))), 2);
      const second = grad((x: tf.Tensor) => tf.sum(grad(half)(x)))(b);
      const m = tf.sum(tf.matMul(a, a, true, false), 0); // [4, 4]
      const expected = tf.tile(tf.reshape(tf.sum(m, 0), [4, 1]), [1, 2]);
      expect(second.shape).toEqual([4, 2]);
      expect(Array.from(second.dataSync())).toEqual(Array.from(expected.dataSync()));
      tf.dispose([a, b, second, m, expected]);
    });
  },
);
