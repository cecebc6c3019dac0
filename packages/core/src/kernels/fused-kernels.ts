import * as tf from '@tensorflow/tfjs-core';
import {
  ACTIVATIONS,
  denseBackward,
  denseForward,
  type FusedActivation,
  softmaxCrossEntropy,
} from './cpu-fused.js';
import { heapKernels, isWasmBackend, type WasmBackend } from './wasm-module.js';

/**
 * fanin's fused training kernels, registered with tfjs under these names for the cpu backend
 * (JavaScript, cpu-fused.ts) and the wasm backend (wasm/kernels.c on tfjs's own heap). They run
 * through `engine.runKernel`, so `tf.profile` counts them and tfjs's leak checks see them;
 * fused-ops.ts puts them on the gradient tape.
 */
export const FUSED_KERNELS = {
  /** y = act(x W + b): inputs x [m, k], kernel [k, n], bias [n] (optional); attr activation. */
  dense: 'FaninDense',
  /**
   * Gradients of FaninDense from dy: inputs dy, x, kernel, y; attrs activation and `wanted`
   * (a subset of "x", "kernel", "bias", in that order): one output per wanted gradient.
   */
  denseGrad: 'FaninDenseGrad',
  /** Inputs logits [rows, classes], targets (distribution or int32 indices); attr smoothing: [loss, dLoss/dLogits]. */
  softmaxCrossEntropy: 'FaninSoftmaxCrossEntropy',
  /** y = factor * x. */
  scale: 'FaninScale',
} as const;

interface DenseAttrs {
  activation: FusedActivation;
}

interface DenseGradAttrs {
  activation: FusedActivation;
  wanted: readonly ('x' | 'kernel' | 'bias')[];
}

/** The parts of tfjs's cpu backend the kernels use. */
interface CpuBackend {
  data: { get(dataId: tf.DataId): { values?: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Float32Array): tf.TensorInfo;
}

function cpuValues(backend: CpuBackend, info: tf.TensorInfo): Float32Array {
  return backend.data.get(info.dataId)!.values as Float32Array;
}

function wasmKernels(backend: WasmBackend) {
  const kernels = heapKernels(backend);
  if (!kernels) throw new Error('fanin: the wasm kernels are not available on this heap');
  return kernels;
}

const cpu: Record<string, tf.KernelFunc> = {
  [FUSED_KERNELS.dense]: ({ inputs, attrs, backend }) => {
    const cpuBackend = backend as unknown as CpuBackend;
    const { x, kernel, bias } = inputs as {
      x: tf.TensorInfo;
      kernel: tf.TensorInfo;
      bias?: tf.TensorInfo;
    };
    const [m, k] = x.shape as [number, number];
    const n = kernel.shape[1]!;
    const y = new Float32Array(m * n);
    const { activation } = attrs as unknown as DenseAttrs;
    denseForward(
      m,
      k,
      n,
      cpuValues(cpuBackend, x),
      cpuValues(cpuBackend, kernel),
      bias ? cpuValues(cpuBackend, bias) : undefined,
      activation,
      y,
    );
    return cpuBackend.makeTensorInfo([m, n], 'float32', y);
  },
  [FUSED_KERNELS.denseGrad]: ({ inputs, attrs, backend }) => {
    const cpuBackend = backend as unknown as CpuBackend;
    const { dy, x, kernel, y } = inputs as Record<'dy' | 'x' | 'kernel' | 'y', tf.TensorInfo>;
    const [m, k] = x.shape as [number, number];
    const n = kernel.shape[1]!;
    const { activation, wanted } = attrs as unknown as DenseGradAttrs;
    const dx = wanted.includes('x') ? new Float32Array(m * k) : undefined;
    const dw = wanted.includes('kernel') ? new Float32Array(k * n) : undefined;
    const db = wanted.includes('bias') ? new Float32Array(n) : undefined;
    denseBackward(
      m,
      k,
      n,
      cpuValues(cpuBackend, dy),
      cpuValues(cpuBackend, x),
      cpuValues(cpuBackend, kernel),
      cpuValues(cpuBackend, y),
      activation,
      dx,
      dw,
      db,
    );
    const out: tf.TensorInfo[] = [];
    if (dx) out.push(cpuBackend.makeTensorInfo([m, k], 'float32', dx));
    if (dw) out.push(cpuBackend.makeTensorInfo([k, n], 'float32', dw));
    if (db) out.push(cpuBackend.makeTensorInfo([n], 'float32', db));
    return out;
  },
  [FUSED_KERNELS.softmaxCrossEntropy]: ({ inputs, attrs, backend }) => {
    const cpuBackend = backend as unknown as CpuBackend;
    const { logits, targets } = inputs as Record<'logits' | 'targets', tf.TensorInfo>;
    const [rows, classes] = logits.shape as [number, number];
    const grad = new Float32Array(rows * classes);
    const indices = targets.dtype === 'int32';
    const targetValues = cpuBackend.data.get(targets.dataId)!.values;
    const loss = softmaxCrossEntropy(
      rows,
      classes,
      cpuValues(cpuBackend, logits),
      indices ? undefined : (targetValues as Float32Array),
      indices ? (targetValues as Int32Array) : undefined,
      (attrs as unknown as { smoothing: number }).smoothing,
      grad,
    );
    return [
      cpuBackend.makeTensorInfo([], 'float32', Float32Array.of(loss)),
      cpuBackend.makeTensorInfo([rows, classes], 'float32', grad),
    ];
  },
  [FUSED_KERNELS.scale]: ({ inputs, attrs, backend }) => {
    const cpuBackend = backend as unknown as CpuBackend;
    const { x } = inputs as { x: tf.TensorInfo };
    const values = cpuValues(cpuBackend, x);
    const factor = (attrs as unknown as { factor: number }).factor;
    const y = new Float32Array(values.length);
    for (let i = 0; i < y.length; i++) y[i] = factor * values[i]!;
    return cpuBackend.makeTensorInfo([...x.shape], 'float32', y);
  },
};

const wasm: Record<string, tf.KernelFunc> = {
  [FUSED_KERNELS.dense]: ({ inputs, attrs, backend }) => {
    const heap = backend as unknown as WasmBackend;
    const kernels = wasmKernels(heap);
    const { x, kernel, bias } = inputs as {
      x: tf.TensorInfo;
      kernel: tf.TensorInfo;
      bias?: tf.TensorInfo;
    };
    const [m, k] = x.shape as [number, number];
    const n = kernel.shape[1]!;
    const y = heap.makeOutput([m, n], 'float32');
    const { activation } = attrs as unknown as DenseAttrs;
    kernels.exports.dense_forward(
      m,
      k,
      n,
      kernels.pointer(x),
      kernels.pointer(kernel),
      bias ? kernels.pointer(bias) : 0,
      ACTIVATIONS[activation],
      kernels.pointer(y),
    );
    return y;
  },
  [FUSED_KERNELS.denseGrad]: ({ inputs, attrs, backend }) => {
    const heap = backend as unknown as WasmBackend;
    const kernels = wasmKernels(heap);
    const { dy, x, kernel, y } = inputs as Record<'dy' | 'x' | 'kernel' | 'y', tf.TensorInfo>;
    const [m, k] = x.shape as [number, number];
    const n = kernel.shape[1]!;
    const { activation, wanted } = attrs as unknown as DenseGradAttrs;
    const dx = wanted.includes('x') ? heap.makeOutput([m, k], 'float32') : undefined;
    const dw = wanted.includes('kernel') ? heap.makeOutput([k, n], 'float32') : undefined;
    const db = wanted.includes('bias') ? heap.makeOutput([n], 'float32') : undefined;
    const scratch = kernels.scratch(4 * (m * n + n * k));
    kernels.exports.dense_backward(
      m,
      k,
      n,
      kernels.pointer(dy),
      kernels.pointer(x),
      kernels.pointer(kernel),
      kernels.pointer(y),
      ACTIVATIONS[activation],
      dx ? kernels.pointer(dx) : 0,
      dw ? kernels.pointer(dw) : 0,
      db ? kernels.pointer(db) : 0,
      scratch,
    );
    return [dx, dw, db].filter((info): info is tf.TensorInfo => info !== undefined);
  },
  [FUSED_KERNELS.softmaxCrossEntropy]: ({ inputs, attrs, backend }) => {
    const heap = backend as unknown as WasmBackend;
    const kernels = wasmKernels(heap);
    const { logits, targets } = inputs as Record<'logits' | 'targets', tf.TensorInfo>;
    const [rows, classes] = logits.shape as [number, number];
    const loss = heap.makeOutput([], 'float32');
    const grad = heap.makeOutput([rows, classes], 'float32');
    const indices = targets.dtype === 'int32';
    const value = kernels.exports.softmax_cross_entropy(
      rows,
      classes,
      kernels.pointer(logits),
      indices ? 0 : kernels.pointer(targets),
      indices ? kernels.pointer(targets) : 0,
      (attrs as unknown as { smoothing: number }).smoothing,
      kernels.pointer(grad),
    );
    kernels.floats()[kernels.pointer(loss) >>> 2] = value;
    return [loss, grad];
  },
  [FUSED_KERNELS.scale]: ({ inputs, attrs, backend }) => {
    const heap = backend as unknown as WasmBackend;
    const kernels = wasmKernels(heap);
    const { x } = inputs as { x: tf.TensorInfo };
    const y = heap.makeOutput([...x.shape], 'float32');
    kernels.exports.scale(
      tf.util.sizeFromShape(x.shape),
      kernels.pointer(x),
      (attrs as unknown as { factor: number }).factor,
      kernels.pointer(y),
    );
    return y;
  },
};

const TABLES: Record<string, Record<string, tf.KernelFunc>> = { cpu, wasm };

/**
 * Registers the fused kernels for a backend (cpu or wasm; idempotent). `useBackend` calls it
 * (through registerCpuMatMul / registerWasmMatMul), the fused ops again before first use.
 */
export function registerFusedKernels(backendName: 'cpu' | 'wasm'): void {
  for (const [kernelName, kernelFunc] of Object.entries(TABLES[backendName]!)) {
    if (!tf.getKernel(kernelName, backendName))
      tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
}

/**
 * Whether the fused kernels can run on `backend` (an initialized backend named
 * `backendName`): always on cpu; on wasm when fanin's module instantiated on its heap.
 */
export function fusedKernelsRun(backendName: 'cpu' | 'wasm', backend: tf.KernelBackend): boolean {
  registerFusedKernels(backendName);
  return backendName === 'cpu' || (isWasmBackend(backend) && heapKernels(backend) !== undefined);
}
