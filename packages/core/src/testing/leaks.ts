import * as tf from '@tensorflow/tfjs-core';

/** The number of live tensors, as tfjs counts them. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Runs `fn` and returns how many tensors it left alive (its result included, unless the
 * result is disposed by the caller before counting). Works with async functions.
 */
export async function countLeaks(fn: () => unknown | Promise<unknown>): Promise<number> {
  const before = liveTensors();
  const result = await fn();
  if (result instanceof tf.Tensor) result.dispose();
  return liveTensors() - before;
}
