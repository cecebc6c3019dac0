import { tf } from '@fanin/core';

/** The parts of tfjs's cpu and wasm backends a JavaScript kernel needs. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}
interface CpuBackend {
  readSync(dataId: tf.DataId): Float32Array;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/**
 * Lets a JavaScript kernel read its float32 inputs and write new float32 outputs on the cpu
 * backend (JavaScript arrays) and the wasm backend (views of the wasm heap). On wasm every
 * output is allocated before any view is taken: allocating may grow the heap, which detaches
 * the views taken before.
 */
export function withFloatArrays(
  backend: unknown,
  inputs: readonly tf.TensorInfo[],
  outputShapes: readonly number[][],
  body: (inputs: Float32Array[], outputs: Float32Array[]) => void,
): tf.TensorInfo[] {
  const wasm = backend as Partial<WasmBackend>;
  if (typeof wasm.typedArrayFromHeap === 'function' && typeof wasm.makeOutput === 'function') {
    const outputs = outputShapes.map((shape) => wasm.makeOutput!(shape, 'float32'));
    body(
      inputs.map((input) => wasm.typedArrayFromHeap!(input)),
      outputs.map((output) => wasm.typedArrayFromHeap!(output)),
    );
    return outputs;
  }
  const cpu = backend as CpuBackend;
  const arrays = outputShapes.map((shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
  body(
    inputs.map((input) => cpu.readSync(input.dataId)),
    arrays,
  );
  return arrays.map((values, i) => cpu.makeTensorInfo(outputShapes[i]!, 'float32', values));
}

/** Registers a kernel for some backends; returns the function that unregisters it. */
export function registerKernels(
  kernelName: string,
  backends: readonly string[],
  kernelFunc: tf.KernelFunc,
): () => void {
  const added: string[] = [];
  for (const backendName of backends) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({ kernelName, backendName, kernelFunc });
    added.push(backendName);
  }
  return () => {
    for (const backendName of added) tf.unregisterKernel(kernelName, backendName);
  };
}
