import * as tf from '@tensorflow/tfjs-core';
import { GRADIENT_OVERRIDES } from './overrides.js';
import { TFJS_GRADIENTS_LOADED } from './tfjs.js';

let registered = false;

/**
 * Registers every tfjs gradient plus fanin's overrides (idempotent). Called by
 * `useBackend`, `ready`, and the autograd helpers, so users never need to.
 */
export function registerGradients(): void {
  if (registered || !TFJS_GRADIENTS_LOADED) return;
  for (const config of GRADIENT_OVERRIDES) {
    if (tf.getGradient(config.kernelName)) tf.unregisterGradient(config.kernelName);
    tf.registerGradient(config);
  }
  registered = true;
}
