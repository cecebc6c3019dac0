import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` without recording its operations on the gradient tape, like PyTorch's
 * `torch.no_grad()`. Used for the running-statistics update inside a training forward pass:
 * the update is a side effect, not part of the function being differentiated, so it must not
 * add tape nodes (and the tensors they would save) to every training step.
 *
 * tfjs records an operation only while `engine.state.kernelDepth` is 0; it raises the depth
 * itself around every kernel body and custom-gradient forward function. This does the same
 * around `fn` and restores it even when `fn` throws. `fn`'s tensors are still tracked by the
 * enclosing `tf.tidy` scopes as usual.
 */
export function noGrad<T>(fn: () => T): T {
  const state = tf.engine().state;
  state.kernelDepth++;
  try {
    return fn();
  } finally {
    state.kernelDepth--;
  }
}
