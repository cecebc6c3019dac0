/**
 * @fanin/bench/attempts: the speed experiments on fanin's training step, each a what-if
 * variant the suite's `attempts` benchmark times against the unchanged step (see README.md,
 * "Speed attempts"). They patch tfjs kernels and gradients while they run, so they are a
 * separate entry point for experiments, not part of the suite's API; their names and shapes
 * change whenever an experiment does. This file is the entry point's table of contents.
 */

// An attempt and how attempts combine
export { combineAttempts, type SpeedAttempt } from './attempt.js';

// Every attempt the suite times
export { SPEED_ATTEMPTS } from './speed-attempts.js';

// Dense + bias + relu as one fused kernel
export { FusedDense, FusedMlp, fusedDense, fusedMatMulGradient } from './fused-dense.js';

// The matMul gradient and kernel: tfjs's against fanin's
export {
  batchMatMulGradient,
  explicitTransposeOnCpu,
  patchGradient,
  swapGradient,
  tfjsCpuMatMul,
  transposeFlags,
} from './matmul-gradient.js';

// Variants of the step itself: relu kernel, loss readback, how batches are made
export { gatherBatches, hostCopyBatches, kernelRelu, noLossReadback } from './step-variants.js';
