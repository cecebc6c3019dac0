import { Random, tf, useBackend } from '@fanin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedCpuMatMul, multiplyTransposed } from './blocked-cpu-matmul.js';

function reference(
  a: Float32Array,
  bt: Float32Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p]! * bt[j * k + p]!;
      out[i * n + j] = sum;
    }
  }
  return out;
}

describe('multiplyTransposed', () => {
  it('matches a plain triple loop, including sizes that do not divide into 4x4 blocks', () => {
    const random = new Random(3);
    for (const [m, k, n] of [
      [4, 4, 4],
      [7, 5, 9],
      [1, 3, 2],
      [13, 17, 6],
    ] as const) {
      const a = Float32Array.from({ length: m * k }, () => random.normal());
      const bt = Float32Array.from({ length: n * k }, () => random.normal());
      const out = new Float32Array(m * n);
      multiplyTransposed(a, bt, out, m, k, n);
      const expected = reference(a, bt, m, k, n);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i]!, 4);
    }
  });
});

describe('blockedCpuMatMul', () => {
  let uninstall: () => void = () => {};
  beforeAll(async () => {
    await useBackend('cpu');
  });
  afterAll(() => uninstall());

  it('gives tfjs matMul results for every transpose combination and batch broadcast', () => {
    const random = new Random(5);
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 7], [7, 6], false, false],
      [[7, 5], [7, 6], true, false],
      [[5, 7], [6, 7], false, true],
      [[7, 5], [6, 7], true, true],
      [[3, 5, 7], [3, 7, 2], false, false],
      [[1, 5, 7], [4, 7, 2], false, false],
      [[4, 7, 5], [7, 2], true, false],
    ];
    for (const [aShape, bShape, transposeA, transposeB] of cases) {
      const a = random.normalTensor(aShape);
      const b = random.normalTensor(bShape);
      const expected = tf.matMul(a, b, transposeA, transposeB);
      uninstall = blockedCpuMatMul.install!();
      const actual = tf.matMul(a, b, transposeA, transposeB);
      uninstall();
      uninstall = () => {};
      expect(actual.shape).toEqual(expected.shape);
      const difference = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]!;
      expect(difference).toBeLessThan(1e-4);
      tf.dispose([a, b, expected, actual]);
    }
  });

  it('restores tfjs kernel when uninstalled', () => {
    const before = tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc;
    const undo = blockedCpuMatMul.install!();
    expect(tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc).not.toBe(before);
    undo();
    expect(tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc).toBe(before);
  });
});
