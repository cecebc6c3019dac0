import * as tf from '@tensorflow/tfjs-core';
import { operandIndices, size } from './batch-broadcast.js';
import { registerFusedKernels } from './fused-kernels.js';

/** The parts of tfjs's wasm backend (`BackendWasm`) the wrapper needs. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId): boolean;
}

/**
 * tfjs's wasm BatchMatMul with batch dimensions broadcast on both sides. tfjs's kernel loops
 * over the larger of the two batch sizes, so a product whose batches differ and neither is 1
 * (a [2, 1, m, k] against b [5, k, n]: 10 products) comes back with 5 matrices, the wrong
 * shape and the wrong values. Here each such operand is first copied out to the full broadcast
 * batch on the wasm heap (one copy of its matrices, freed after the call), which the kernel
 * handles; every other product goes to tfjs's kernel untouched.
 */
export function broadcastingBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  const kernel: tf.KernelFunc = (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2)
      return original(args);
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(
      a.shape.slice(0, -2),
      b.shape.slice(0, -2),
    );
    const total = size(outer);
    const needsCopy = (operand: tf.TensorInfo) => {
      const batch = size(operand.shape.slice(0, -2));
      return batch !== total && batch !== 1;
    };
    if (!needsCopy(a) && !needsCopy(b)) return original(args);
    const backend = args.backend as unknown as WasmBackend;
    const copies: tf.TensorInfo[] = [];
    const expand = (operand: tf.TensorInfo): tf.TensorInfo => {
      if (!needsCopy(operand)) return operand;
      const matrix = operand.shape.slice(-2);
      const copy = backend.makeOutput([...outer, ...matrix], operand.dtype);
      copies.push(copy);
      // Views after the allocation: making the output may have grown (moved) the heap.
      const from = backend.typedArrayFromHeap(operand);
      const to = backend.typedArrayFromHeap(copy);
      const values = size(matrix);
      const indices = operandIndices(outer, operand.shape);
      for (let index = 0; index < total; index++) {
        const start = indices[index]! * values;
        to.set(from.subarray(start, start + values), index * values);
      }
      return copy;
    };
    try {
      return original({ ...args, inputs: { ...args.inputs, a: expand(a), b: expand(b) } });
    } finally {
      for (const copy of copies) backend.disposeData(copy.dataId);
    }
  };
  WRAPPED.set(kernel, original);
  return kernel;
}

/** fanin's wrappers and the tfjs kernels they wrap. */
const WRAPPED = new WeakMap<tf.KernelFunc, tf.KernelFunc>();

/**
 * Wraps the wasm backend's BatchMatMul kernel in `broadcastingBatchMatMul`. `useBackend('wasm')`
 * calls it. Idempotent; does nothing before `@tensorflow/tfjs-backend-wasm` registered its
 * kernels.
 */
export function registerWasmMatMul(): void {
  registerFusedKernels('wasm');
  const current = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (!current || WRAPPED.has(current.kernelFunc)) return;
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel({ ...current, kernelFunc: broadcastingBatchMatMul(current.kernelFunc) });
}
