import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/backend.js';
import { Random } from '../random/random.js';
import { multiplyTransposed } from './blocked-gemm.js';
import { isBlockedMatMul, registerCpuMatMul, unregisterCpuMatMul } from './cpu-matmul.js';

/** out[..., i, j] = sum_p A[..., i, p] B[..., p, j] in float64, broadcasting batch dimensions. */
function reference(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean) {
  const at = transposeA
    ? tf.transpose(
        a,
        [...a.shape.keys()].map((d, _, all) => (d < all.length - 2 ? d : 2 * all.length - 3 - d)),
      )
    : a;
  const bt = transposeB
    ? tf.transpose(
        b,
        [...b.shape.keys()].map((d, _, all) => (d < all.length - 2 ? d : 2 * all.length - 3 - d)),
      )
    : b;
  const rank = Math.max(at.rank, bt.rank);
  const pad = (t: tf.Tensor) => t.reshape([...Array(rank - t.rank).fill(1), ...t.shape]);
  const [A, B] = [pad(at), pad(bt)];
  const outer = A.shape.slice(0, -2).map((d, i) => Math.max(d, B.shape[i]!));
  const [m, k] = A.shape.slice(-2) as [number, number];
  const n = B.shape[B.rank - 1]!;
  const av = A.dataSync();
  const bv = B.dataSync();
  const batch = outer.reduce((x, y) => x * y, 1);
  const out = new Float64Array(batch * m * n);
  const offset = (shape: number[], index: number) => {
    // flat batch index of `index` (in `outer`) into a broadcast operand's batch dims
    let flat = 0;
    let rest = index;
    let stride = 1;
    for (let d = outer.length - 1; d >= 0; d--) {
      const coordinate = rest % outer[d]!;
      rest = Math.floor(rest / outer[d]!);
      flat += (shape[d] === 1 ? 0 : coordinate) * stride;
      stride *= shape[d]!;
    }
    return flat;
  };
  for (let index = 0; index < batch; index++) {
    const ao = offset(A.shape, index) * m * k;
    const bo = offset(B.shape, index) * k * n;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += av[ao + i * k + p]! * bv[bo + p * n + j]!;
        out[index * m * n + i * n + j] = sum;
      }
  }
  return { shape: [...outer, m, n], values: out };
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
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let p = 0; p < k; p++) sum += a[i * k + p]! * bt[j * k + p]!;
          expect(out[i * n + j]).toBe(Math.fround(sum));
        }
    }
  });
});

describe('the cpu backend BatchMatMul kernel', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('is fanin’s once useBackend("cpu") ran, and registering again changes nothing', () => {
    const kernel = tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc;
    expect(isBlockedMatMul(kernel)).toBe(true);
    registerCpuMatMul();
    expect(tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc).toBe(kernel);
    unregisterCpuMatMul();
    const tfjs = tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc;
    expect(isBlockedMatMul(tfjs)).toBe(false);
    registerCpuMatMul();
    expect(isBlockedMatMul(tf.getKernel(tf.BatchMatMul, 'cpu')!.kernelFunc)).toBe(true);
  });

  it('computes every transpose combination and batch broadcast exactly (to float32 rounding)', () => {
    const random = new Random(5);
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 7], [7, 6], false, false],
      [[7, 5], [7, 6], true, false],
      [[5, 7], [6, 7], false, true],
      [[7, 5], [6, 7], true, true],
      [[3, 5, 7], [3, 7, 2], false, false],
      [[1, 5, 7], [4, 7, 2], false, false],
      [[4, 7, 5], [7, 2], true, false],
      [[2, 3, 5, 7], [2, 3, 2, 7], false, true],
      [[5, 7], [1, 1, 7, 3], false, false],
      // broadcast on both sides (tfjs's own cpu kernel gets this one wrong)
      [[2, 1, 4, 3], [1, 3, 3, 2], false, false],
      [[100, 784], [784, 100], false, false],
      [[0, 4], [4, 3], false, false],
    ];
    for (const [aShape, bShape, transposeA, transposeB] of cases) {
      const a = random.normalTensor(aShape);
      const b = random.normalTensor(bShape);
      const actual = tf.matMul(a, b, transposeA, transposeB);
      const expected = reference(a, b, transposeA, transposeB);
      const label = `[${aShape}] x [${bShape}] ${transposeA} ${transposeB}`;
      expect(actual.shape, label).toEqual(expected.shape);
      const values = actual.dataSync();
      for (let i = 0; i < values.length; i++)
        expect(Math.abs(values[i]! - expected.values[i]!), label).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(expected.values[i]!)),
        );
      tf.dispose([a, b, actual]);
    }
  });

  it('leaves shape errors to tfjs, with its message', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([4, 5]);
    expect(() => tf.matMul(a, b)).toThrow(/inner shapes \(3\) and \(4\)/);
    tf.dispose([a, b]);
  });
});
