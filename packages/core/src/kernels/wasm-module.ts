import type * as tf from '@tensorflow/tfjs-core';
import { KERNELS_WASM_BASE64 } from './wasm-binary.js';

/** The functions of wasm/kernels.c; every pointer is a byte offset in tfjs's wasm heap. */
export interface KernelExports {
  dense_forward(
    m: number,
    k: number,
    n: number,
    x: number,
    w: number,
    bias: number,
    activation: number,
    y: number,
  ): void;
  dense_backward(
    m: number,
    k: number,
    n: number,
    dy: number,
    x: number,
    w: number,
    y: number,
    activation: number,
    dx: number,
    dw: number,
    db: number,
    scratch: number,
  ): void;
  adam_update(
    count: number,
    table: number,
    beta1: number,
    complement1: number,
    beta2: number,
    complement2: number,
    epsilon: number,
    stepSize: number,
    root2: number,
    coupled: number,
    shrink: number,
  ): void;
  sgd_update(
    count: number,
    table: number,
    learningRate: number,
    momentum: number,
    weightDecay: number,
    nesterov: number,
  ): void;
  softmax_cross_entropy(
    rows: number,
    classes: number,
    z: number,
    targets: number,
    indices: number,
    smoothing: number,
    grad: number,
  ): number;
  scale(size: number, x: number, s: number, y: number): void;
}

/** The parts of tfjs's emscripten module (`BackendWasm.wasm`) fanin's module needs. */
interface EmscriptenModule {
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
}

/** The parts of tfjs's wasm backend (`BackendWasm`) fanin's kernels use. */
export interface WasmBackend {
  wasm: EmscriptenModule;
  dataIdMap: {
    get(dataId: tf.DataId): { memoryOffset: number; refCount: number } | undefined;
    has(dataId: tf.DataId): boolean;
  };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  incRef(dataId: tf.DataId): void;
}

/** fanin's kernel module instantiated on one tfjs wasm heap, with its scratch space. */
export class HeapKernels {
  private scratchPointer = 0;
  private scratchBytes = 0;

  constructor(
    readonly exports: KernelExports,
    private readonly backend: WasmBackend,
  ) {}

  /** Byte offset of a tensor's values in the heap. */
  pointer(info: { dataId: tf.DataId }): number {
    return this.backend.dataIdMap.get(info.dataId)!.memoryOffset;
  }

  /**
   * A scratch area of at least `bytes` in tfjs's heap, from tfjs's malloc, kept and reused
   * (grown when a call needs more). Valid until the next call to `scratch`.
   */
  scratch(bytes: number): number {
    if (bytes > this.scratchBytes) {
      if (this.scratchPointer) this.backend.wasm._free(this.scratchPointer);
      this.scratchBytes = Math.max(bytes, 2 * this.scratchBytes);
      this.scratchPointer = this.backend.wasm._malloc(this.scratchBytes);
    }
    return this.scratchPointer;
  }

  /** The heap as 32-bit words (a fresh view: the heap may have grown since the last one). */
  words(): Uint32Array {
    return this.backend.wasm.HEAPU32;
  }

  /** The heap as float32 values (a fresh view). */
  floats(): Float32Array {
    return this.backend.wasm.HEAPF32;
  }
}

let compiled: WebAssembly.Module | undefined;
let compiling: Promise<void> | undefined;
const instances = new WeakMap<EmscriptenModule, HeapKernels | null>();

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the module: synchronously where the runtime allows it (Node, workers, and browsers
 * for a module this small), otherwise in the background, the kernels being used once ready.
 */
function compiledModule(): WebAssembly.Module | undefined {
  if (compiled || compiling) return compiled;
  const bytes = decode(KERNELS_WASM_BASE64);
  try {
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiling = WebAssembly.compile(bytes).then(
      (module) => {
        compiled = module;
      },
      () => undefined,
    );
  }
  return compiled;
}

/**
 * fanin's kernels on the heap of `backend` (tfjs's wasm backend), instantiated on first use
 * with the backend's own `WebAssembly.Memory` as the module's memory. Undefined when that is
 * impossible: no wasm SIMD, a shared (multi-threaded) tfjs memory, the module still compiling.
 */
export function heapKernels(backend: WasmBackend): HeapKernels | undefined {
  const emscripten = backend.wasm;
  const known = instances.get(emscripten);
  if (known !== undefined) return known ?? undefined;
  const module = compiledModule();
  if (!module) return undefined;
  const memory = emscripten.asm?.memory;
  let kernels: HeapKernels | null = null;
  if (memory instanceof WebAssembly.Memory) {
    try {
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      kernels = new HeapKernels(instance.exports as unknown as KernelExports, backend);
    } catch {
      kernels = null;
    }
  }
  instances.set(emscripten, kernels);
  return kernels ?? undefined;
}

/** Whether `backend` is tfjs's wasm backend as fanin's kernels know it. */
export function isWasmBackend(backend: unknown): backend is WasmBackend {
  const candidate = backend as Partial<WasmBackend> | undefined;
  return (
    typeof candidate?.makeOutput === 'function' &&
    typeof candidate.wasm?._malloc === 'function' &&
    typeof candidate.dataIdMap?.get === 'function'
  );
}
