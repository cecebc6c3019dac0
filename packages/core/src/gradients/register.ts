import * as tf from '@tensorflow/tfjs-core';
import { GRADIENT_OVERRIDES } from './overrides.js';
import { TFJS_GRADIENTS_LOADED } from './tfjs.js';

/**
 * Registers every tfjs gradient plus fanin's overrides. Called by `useBackend`, `ready`, and
 * the autograd helpers (so on every `valueAndGrad`), so users never need to. Idempotent and
 * cheap (one registry lookup per override), and it re-applies the overrides when another
 * library registered tfjs's gradients again after fanin did: importing `@tensorflow/tfjs`
 * or `@tensorflow/tfjs-layers` does that, and would otherwise silently bring back tfjs's
 * transposed matMul gradient (4x slower training steps on wasm).
 */
export function registerGradients(): void {
  if (!TFJS_GRADIENTS_LOADED) return;
  for (const config of GRADIENT_OVERRIDES) {
    const current = tf.getGradient(config.kernelName);
    if (current === config) continue;
    if (current) tf.unregisterGradient(config.kernelName);
    tf.registerGradient(config);
  }
}
