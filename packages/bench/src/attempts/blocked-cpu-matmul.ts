import { tf } from '@fanin/core';
import type { SpeedAttempt } from './attempt.js';
import { withFloatArrays } from './backend-memory.js';

/**
 * C = A B^T for row-major A [m, k] and Bt [n, k] (B given transposed, so both operands are
 * read along rows), in 4x4 register blocks: 16 running sums per pass over k. JavaScript
 * has no SIMD; the blocking saves loads and index arithmetic, about 4x over tfjs's cpu
 * kernel on the reference MLP's shapes.
 */
export function multiplyTransposed(
  a: Float32Array,
  bt: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  outOffset = 0,
): void {
  for (let i = 0; i < m; i += 4) {
    for (let j = 0; j < n; j += 4) {
      if (i + 4 <= m && j + 4 <= n) {
        block4x4(a, bt, out, i, j, k, n, outOffset);
        continue;
      }
      for (let ii = i; ii < Math.min(i + 4, m); ii++) {
        for (let jj = j; jj < Math.min(j + 4, n); jj++) {
          let sum = 0;
          for (let kk = 0; kk < k; kk++) sum += a[ii * k + kk]! * bt[jj * k + kk]!;
          out[outOffset + ii * n + jj] = sum;
        }
      }
    }
  }
}

function block4x4(
  a: Float32Array,
  bt: Float32Array,
  out: Float32Array,
  i: number,
  j: number,
  k: number,
  n: number,
  outOffset: number,
): void {
  const a0 = i * k;
  const a1 = a0 + k;
  const a2 = a1 + k;
  const a3 = a2 + k;
  const b0 = j * k;
  const b1 = b0 + k;
  const b2 = b1 + k;
  const b3 = b2 + k;
  let s00 = 0,
    s01 = 0,
    s02 = 0,
    s03 = 0,
    s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0;
  let s20 = 0,
    s21 = 0,
    s22 = 0,
    s23 = 0,
    s30 = 0,
    s31 = 0,
    s32 = 0,
    s33 = 0;
  for (let kk = 0; kk < k; kk++) {
    const x0 = a[a0 + kk]!;
    const x1 = a[a1 + kk]!;
    const x2 = a[a2 + kk]!;
    const x3 = a[a3 + kk]!;
    const y0 = bt[b0 + kk]!;
    const y1 = bt[b1 + kk]!;
    const y2 = bt[b2 + kk]!;
    const y3 = bt[b3 + kk]!;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s22 += x2 * y2;
    s23 += x2 * y3;
    s30 += x3 * y0;
    s31 += x3 * y1;
    s32 += x3 * y2;
    s33 += x3 * y3;
  }
  let c = outOffset + i * n + j;
  out[c] = s00;
  out[c + 1] = s01;
  out[c + 2] = s02;
  out[c + 3] = s03;
  c += n;
  out[c] = s10;
  out[c + 1] = s11;
  out[c + 2] = s12;
  out[c + 3] = s13;
  c += n;
  out[c] = s20;
  out[c + 1] = s21;
  out[c + 2] = s22;
  out[c + 3] = s23;
  c += n;
  out[c] = s30;
  out[c + 1] = s31;
  out[c + 2] = s32;
  out[c + 3] = s33;
}

/** Copies matrix `index` of a batch of [rows, columns] matrices, transposed or not, into `into`. */
function rowsOf(
  values: Float32Array,
  index: number,
  rows: number,
  columns: number,
  transpose: boolean,
  into: Float32Array,
): Float32Array {
  const offset = index * rows * columns;
  if (!transpose) {
    into.set(values.subarray(offset, offset + rows * columns));
    return into;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) into[c * rows + r] = values[offset + r * columns + c]!;
  }
  return into;
}

/**
 * A BatchMatMul kernel for the cpu backend built on `multiplyTransposed`: rank >= 2, batch
 * dimensions equal or 1. Other cases (and non-float32 inputs) go to tfjs's kernel.
 */
function blockedBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as {
      transposeA: boolean;
      transposeB: boolean;
    };
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      a.shape.length < 2 ||
      b.shape.length < 2
    ) {
      return original(args);
    }
    const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    const batchB = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    if (batchA !== batchB && batchA !== 1 && batchB !== 1) return original(args);
    if (a.shape.length !== b.shape.length && batchA !== 1 && batchB !== 1) return original(args);
    const [ar, ac] = a.shape.slice(-2) as [number, number];
    const [br, bc] = b.shape.slice(-2) as [number, number];
    const m = transposeA ? ac : ar;
    const k = transposeA ? ar : ac;
    const n = transposeB ? br : bc;
    if ((transposeB ? bc : br) !== k) return original(args);
    const batch = Math.max(batchA, batchB);
    const outerShape = (batchA >= batchB ? a : b).shape.slice(0, -2);
    const outShape = [...outerShape, m, n];
    return withFloatArrays(args.backend, [a, b], [outShape], ([av, bv], [out]) => {
      const left = new Float32Array(m * k);
      const right = new Float32Array(n * k);
      for (let index = 0; index < batch; index++) {
        // A as [m, k] rows; B^T as [n, k] rows.
        rowsOf(av!, batchA === 1 ? 0 : index, ar, ac, transposeA, left);
        rowsOf(bv!, batchB === 1 ? 0 : index, br, bc, !transposeB, right);
        multiplyTransposed(left, right, out!, m, k, n, index * m * n);
      }
    })[0]!;
  };
}

/** Replaces the cpu backend's BatchMatMul kernel; returns the function restoring tfjs's. */
function installBlockedMatMul(): () => void {
  const original = tf.getKernel(tf.BatchMatMul, 'cpu');
  if (!original) return () => {};
  tf.unregisterKernel(tf.BatchMatMul, 'cpu');
  tf.registerKernel({ ...original, kernelFunc: blockedBatchMatMul(original.kernelFunc) });
  return () => {
    tf.unregisterKernel(tf.BatchMatMul, 'cpu');
    tf.registerKernel(original);
  };
}

export const blockedCpuMatMul: SpeedAttempt = {
  name: 'blockedCpuMatMul',
  description: "cpu backend's BatchMatMul replaced by a 4x4 register-blocked JavaScript kernel",
  backends: ['cpu'],
  install: installBlockedMatMul,
};
