import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { fusedBackend } from './fused-ops.js';
import { heapKernels, isWasmBackend } from './wasm-module.js';

/**
 * Optimizer updates over every parameter in one call: wasm/kernels.c on the wasm heap (SIMD,
 * float32 as PyTorch), a JavaScript loop on the cpu backend's arrays. The optimizer's state
 * (moments, velocities) is written in place, and on cpu the parameters too. On wasm each
 * parameter gets a new buffer (assigned to it after the call): tfjs's wasm matMul caches the
 * packed form of a right-hand operand by its buffer, so a buffer written in place would be
 * multiplied as it was. In place is safe when nothing else holds a tensor's data: a tensor
 * whose data is shared (a clone on cpu, a reshape, a tape's saved copy) is left to the
 * caller's ordinary path, as is every tensor on other backends or with fused kernels off.
 */

export interface AdamEntry {
  readonly parameter: Variable;
  readonly gradient: Tensor;
  readonly first: Variable;
  readonly second: Variable;
  readonly maximum: Variable | undefined;
}

export interface AdamConstants {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** lr / (1 - beta1^t) */
  readonly stepSize: number;
  /** sqrt(1 - beta2^t) */
  readonly root2: number;
  /** L2 coefficient added to the gradient (Adam's weightDecay; 0 for AdamW). */
  readonly coupled: number;
  /** Factor on the parameter before the step (AdamW's 1 - lr * weightDecay; 1 for Adam). */
  readonly shrink: number;
}

export interface SgdEntry {
  readonly parameter: Variable;
  readonly gradient: Tensor;
  /** The velocity; undefined for plain SGD. */
  readonly velocity: Variable | undefined;
}

export interface SgdConstants {
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
}

interface Storage {
  refCount: number;
  values?: unknown;
  memoryOffset?: number;
}

function storage(tensor: Tensor): Storage | undefined {
  const backend = tf.backend() as unknown as {
    data?: { get(id: object): Storage | undefined };
    dataIdMap?: { get(id: object): Storage | undefined };
  };
  return (backend.dataIdMap ?? backend.data)?.get(tensor.dataId);
}

/** Whether a tensor's data may be written in place: float32, held by this tensor alone. */
function writable(tensor: Tensor): boolean {
  return tensor.dtype === 'float32' && storage(tensor)?.refCount === 1;
}

function readable(tensor: Tensor): boolean {
  return tensor.dtype === 'float32' && storage(tensor) !== undefined;
}

/** The entries whose tensors allow an in-place update (distinct data, nothing shared). */
function inPlace<E>(
  entries: readonly E[],
  written: (entry: E) => Tensor[],
  read: (entry: E) => Tensor,
): E[] {
  const seen = new Set<object>();
  return entries.filter((entry) => {
    const tensors = written(entry);
    if (!readable(read(entry)) || !tensors.every(writable)) return false;
    if (tensors.some((tensor) => seen.has(tensor.dataId))) return false;
    for (const tensor of tensors) seen.add(tensor.dataId);
    return true;
  });
}

const values = (tensor: Tensor) => storage(tensor)!.values as Float32Array;

/** Gives each parameter its new buffer (the tensor made here is released by the caller's tidy). */
function assignOutputs(
  entries: readonly { readonly parameter: Variable }[],
  outputs: readonly tf.TensorInfo[],
): void {
  const engine = tf.engine();
  entries.forEach((e, index) => {
    e.parameter.assign(engine.makeTensorFromTensorInfo(outputs[index]!));
  });
}

/**
 * Adam (AdamW through `coupled` and `shrink`) in place for every entry it can take, in one
 * call on wasm; returns the entries left to the caller.
 */
export function adamInPlace<E extends AdamEntry>(
  entries: readonly E[],
  constants: AdamConstants,
): E[] {
  const backendName = fusedBackend('optimizers');
  if (!backendName || entries.length === 0) return [...entries];
  const chosen = inPlace(
    entries,
    (e) => [
      ...(backendName === 'cpu' ? [e.parameter] : []),
      e.first,
      e.second,
      ...(e.maximum ? [e.maximum] : []),
    ],
    (e) => e.gradient,
  );
  if (chosen.length === 0) return [...entries];
  const { beta1, beta2, epsilon, stepSize, root2, coupled, shrink } = constants;
  if (backendName === 'wasm') {
    const backend = tf.backend();
    if (!isWasmBackend(backend)) return [...entries];
    const kernels = heapKernels(backend);
    if (!kernels) return [...entries];
    const outputs = chosen.map((e) => backend.makeOutput([...e.parameter.shape], 'float32'));
    const table = kernels.scratch(4 * 7 * chosen.length);
    const words = kernels.words();
    chosen.forEach((e, index) => {
      const row = (table >>> 2) + 7 * index;
      words[row] = e.parameter.size;
      words[row + 1] = kernels.pointer(e.parameter);
      words[row + 2] = kernels.pointer(e.gradient);
      words[row + 3] = kernels.pointer(e.first);
      words[row + 4] = kernels.pointer(e.second);
      words[row + 5] = e.maximum ? kernels.pointer(e.maximum) : 0;
      words[row + 6] = kernels.pointer(outputs[index]!);
    });
    kernels.exports.adam_update(
      chosen.length,
      table,
      beta1,
      1 - beta1,
      beta2,
      1 - beta2,
      epsilon,
      stepSize,
      root2,
      coupled,
      shrink,
    );
    assignOutputs(chosen, outputs);
  } else {
    for (const e of chosen) {
      const p = values(e.parameter);
      const g = values(e.gradient);
      const m = values(e.first);
      const v = values(e.second);
      const vMax = e.maximum ? values(e.maximum) : undefined;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]! + coupled * p[i]!;
        // The moments are stored as float32, and the step uses the stored values (as PyTorch).
        const mi = Math.fround(beta1 * m[i]! + (1 - beta1) * gi);
        let vi = Math.fround(beta2 * v[i]! + (1 - beta2) * gi * gi);
        m[i] = mi;
        v[i] = vi;
        if (vMax) {
          vi = Math.max(vMax[i]!, vi);
          vMax[i] = vi;
        }
        p[i] = p[i]! * shrink - (stepSize * mi) / (Math.sqrt(vi) / root2 + epsilon);
      }
    }
  }
  const taken = new Set(chosen);
  return entries.filter((e) => !taken.has(e));
}

/**
 * SGD, with momentum when entries carry a velocity (PyTorch's SGD, dampening 0), in place for
 * every entry it can take, in one call on wasm; returns the entries left to the caller.
 */
export function sgdInPlace<E extends SgdEntry>(
  entries: readonly E[],
  constants: SgdConstants,
): E[] {
  const backendName = fusedBackend('optimizers');
  if (!backendName || entries.length === 0) return [...entries];
  const chosen = inPlace(
    entries,
    (e) => [...(backendName === 'cpu' ? [e.parameter] : []), ...(e.velocity ? [e.velocity] : [])],
    (e) => e.gradient,
  );
  if (chosen.length === 0) return [...entries];
  const { learningRate, momentum, weightDecay, nesterov } = constants;
  if (backendName === 'wasm') {
    const backend = tf.backend();
    if (!isWasmBackend(backend)) return [...entries];
    const kernels = heapKernels(backend);
    if (!kernels) return [...entries];
    const outputs = chosen.map((e) => backend.makeOutput([...e.parameter.shape], 'float32'));
    const table = kernels.scratch(4 * 5 * chosen.length);
    const words = kernels.words();
    chosen.forEach((e, index) => {
      const row = (table >>> 2) + 5 * index;
      words[row] = e.parameter.size;
      words[row + 1] = kernels.pointer(e.parameter);
      words[row + 2] = kernels.pointer(e.gradient);
      words[row + 3] = e.velocity ? kernels.pointer(e.velocity) : 0;
      words[row + 4] = kernels.pointer(outputs[index]!);
    });
    kernels.exports.sgd_update(
      chosen.length,
      table,
      learningRate,
      momentum,
      weightDecay,
      nesterov ? 1 : 0,
    );
    assignOutputs(chosen, outputs);
  } else {
    for (const e of chosen) {
      const p = values(e.parameter);
      const g = values(e.gradient);
      const v = e.velocity ? values(e.velocity) : undefined;
      for (let i = 0; i < p.length; i++) {
        const gi = Math.fround(g[i]! + weightDecay * p[i]!);
        let step = gi;
        if (v) {
          const vi = Math.fround(momentum * v[i]! + gi);
          v[i] = vi;
          step = nesterov ? Math.fround(gi + momentum * vi) : vi;
        }
        p[i] = p[i]! - learningRate * step;
      }
    }
  }
  const taken = new Set(chosen);
  return entries.filter((e) => !taken.has(e));
}
