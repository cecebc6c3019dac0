import * as tf from '@tensorflow/tfjs-core';
import { operandIndices, size } from './batch-broadcast.js';
import { registerFusedKernels } from './fused-kernels.js';
import { matrixOf, multiplyTransposed } from './blocked-gemm.js';

/** The parts of tfjs's cpu backend a JavaScript kernel needs. */
interface CpuBackend {
  readSync(dataId: tf.DataId): Float32Array;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * tfjs's cpu BatchMatMul with fanin's blocked GEMM (`multiplyTransposed`) for float32
 * operands. Transposes are materialized into the row layout the GEMM reads; batch dimensions
 * broadcast by NumPy's rules on both sides (tfjs's own kernel pairs the matrices of a
 * two-sided broadcast, [2, 1] against [1, 3], by flat index modulo, which is wrong). Other
 * dtypes and mismatched inner dimensions go to tfjs's kernel, so errors read as before.
 */
export function blockedBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  const kernel: tf.KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2)
      return original(args);
    const [ar, ac] = a.shape.slice(-2) as [number, number];
    const [br, bc] = b.shape.slice(-2) as [number, number];
    const m = transposeA ? ac : ar;
    const k = transposeA ? ar : ac;
    const n = transposeB ? br : bc;
    // Batch dimensions broadcast by NumPy's rules; the same check, and error, as tfjs's kernel.
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(
      a.shape.slice(0, -2),
      b.shape.slice(0, -2),
    );
    if ((transposeB ? bc : br) !== k) return original(args);
    const backend = args.backend as CpuBackend;
    const av = backend.readSync(a.dataId);
    const bv = backend.readSync(b.dataId);
    const batch = size(outer);
    const fromA = operandIndices(outer, a.shape);
    const fromB = operandIndices(outer, b.shape);
    const out = new Float32Array(batch * m * n);
    const left = new Float32Array(m * k);
    const right = new Float32Array(n * k);
    for (let index = 0; index < batch; index++) {
      // A as [m, k] rows; B^T as [n, k] rows; a matrix read again is not copied again.
      if (index === 0 || fromA[index] !== fromA[index - 1])
        matrixOf(av, fromA[index]!, ar, ac, transposeA, left);
      if (index === 0 || fromB[index] !== fromB[index - 1])
        matrixOf(bv, fromB[index]!, br, bc, !transposeB, right);
      multiplyTransposed(left, right, out, m, k, n, index * m * n);
    }
    return backend.makeTensorInfo([...outer, m, n], 'float32', out);
  };
  BLOCKED.set(kernel, original);
  return kernel;
}

/** fanin's kernels and the tfjs kernels they wrap. */
const BLOCKED = new WeakMap<tf.KernelFunc, tf.KernelFunc>();

/** Whether a kernel function is fanin's blocked BatchMatMul. */
export function isBlockedMatMul(kernelFunc: tf.KernelFunc): boolean {
  return BLOCKED.has(kernelFunc);
}

/**
 * Replaces the cpu backend's BatchMatMul kernel with `blockedBatchMatMul` around it:
 * ~4x faster matMuls on the reference MLP's shapes (~3 GFLOP/s against ~0.75). `useBackend('cpu')` calls it. Idempotent;
 * does nothing before `@tensorflow/tfjs-backend-cpu` registered its kernels.
 */
export function registerCpuMatMul(): void {
  registerFusedKernels('cpu');
  const current = tf.getKernel(tf.BatchMatMul, 'cpu');
  if (!current || isBlockedMatMul(current.kernelFunc)) return;
  tf.unregisterKernel(tf.BatchMatMul, 'cpu');
  tf.registerKernel({ ...current, kernelFunc: blockedBatchMatMul(current.kernelFunc) });
}

/**
 * Puts tfjs's own cpu BatchMatMul kernel back (until the next `useBackend('cpu')`), e.g. to
 * time tfjs as it ships or to rule fanin's kernel out when chasing a numerical difference.
 */
export function unregisterCpuMatMul(): void {
  const current = tf.getKernel(tf.BatchMatMul, 'cpu');
  const original = current && BLOCKED.get(current.kernelFunc);
  if (!current || !original) return;
  tf.unregisterKernel(tf.BatchMatMul, 'cpu');
  tf.registerKernel({ ...current, kernelFunc: original });
}
