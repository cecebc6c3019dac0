import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

/** A tensor's values as the backend stores them on the host. */
export type HostValues = Float32Array | Int32Array | Uint8Array;

/** The wasm backend's view of a tensor in its heap (a public method of tfjs's `BackendWasm`). */
interface HeapBackend {
  typedArrayFromHeap(info: { shape: number[]; dtype: string; dataId: object }): HostValues;
  dataIdMap: { has(dataId: object): boolean };
}

function isHeapBackend(backend: unknown): backend is HeapBackend {
  const candidate = backend as Partial<HeapBackend> | undefined;
  return (
    typeof candidate?.typedArrayFromHeap === 'function' &&
    typeof candidate.dataIdMap?.has === 'function'
  );
}

/**
 * The values of a float32, int32 or bool tensor without a copy, where the current backend
 * keeps them in JavaScript-visible memory: a view of the wasm heap, or the cpu backend's own
 * array. Undefined on other backends (webgl), for other dtypes, and for a tensor whose data
 * has not moved to the current backend yet.
 *
 * The view is the tensor's storage: read it, never write it (other tensors may share it). On
 * wasm it is valid only until the next allocation (the heap may grow and move), so take a
 * fresh one after creating tensors.
 */
export function hostValues(tensor: Tensor): HostValues | undefined {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32' && tensor.dtype !== 'bool')
    return undefined;
  const name = tf.getBackend();
  if (name === 'wasm') {
    const backend = tf.backend();
    if (!isHeapBackend(backend) || !backend.dataIdMap.has(tensor.dataId)) return undefined;
    return backend.typedArrayFromHeap(tensor);
  }
  if (name === 'cpu') {
    if (!hasCpuData(tensor)) return undefined;
    return tensor.dataSync() as HostValues;
  }
  return undefined;
}

/** Whether the cpu backend holds the tensor's data (rather than another backend). */
function hasCpuData(tensor: Tensor): boolean {
  const backend = tf.backend() as unknown as { data?: { has(dataId: object): boolean } };
  return backend.data?.has(tensor.dataId) ?? false;
}
