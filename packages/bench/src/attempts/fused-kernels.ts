import { type FusedKernelGroup, useFusedKernels } from '@fanin/core';
import { faninComposedMlp } from '../training/fanin-contenders.js';
import type { SpeedAttempt } from './attempt.js';

/** Switches groups of core's fused kernels off around a run, and back on after. */
function without(groups: Partial<Record<FusedKernelGroup, boolean>> | false) {
  return () => {
    useFusedKernels(groups);
    return () => useFusedKernels(true);
  };
}

/**
 * Every fused kernel off: the step as tfjs ops (matMul, add, the activation, logSoftmax, Adam's
 * 12 kernels per weight), which is what core did before its own kernels: what they save together.
 */
export const tfjsKernels: SpeedAttempt = {
  name: 'tfjsKernels',
  description: "every fused kernel off: the step as tfjs ops, as before fanin's own kernels",
  backends: ['cpu', 'wasm'],
  install: without(false),
};

/** The dense layers as tfjs ops (matMul, add, relu; tfjs's saved-input clones): what the fused dense kernels save. */
export const unfusedDense: SpeedAttempt = {
  name: 'unfusedDense',
  description: 'dense layers as tfjs ops (matMul + add + relu) instead of the fused dense kernels',
  backends: ['cpu', 'wasm'],
  install: without({ dense: false }),
};

/** Softmax cross-entropy as tfjs ops (logSoftmax, mul, sum, mean): what the fused loss kernel saves. */
export const unfusedLoss: SpeedAttempt = {
  name: 'unfusedLoss',
  description: 'softmax cross-entropy as tfjs ops instead of the fused loss kernel',
  backends: ['cpu', 'wasm'],
  install: without({ softmaxCrossEntropy: false }),
};

/** Adam per parameter (tfjs kernels, or the host loop for small ones): what one fused call saves. */
export const unfusedOptimizer: SpeedAttempt = {
  name: 'unfusedOptimizer',
  description:
    'Adam per parameter (12 tfjs kernels, host loop for biases) instead of one fused call',
  backends: ['cpu', 'wasm'],
  install: without({ optimizers: false }),
};

/**
 * The model composed by hand, `Dense` modules with the registry's relu modules between them:
 * the dense kernel fuses the bias only, the relu is its own op (custom gradient, saved input).
 */
export const composedMlp: SpeedAttempt = {
  name: 'composedMlp',
  description:
    'Sequential of Dense and relu modules (bias fused, relu separate) instead of config layers',
  backends: ['cpu', 'wasm'],
  parts: { model: (spec) => faninComposedMlp(spec) },
};
