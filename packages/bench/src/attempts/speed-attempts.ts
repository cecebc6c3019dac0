import type { SpeedAttempt } from './attempt.js';
import { fusedDense } from './fused-dense.js';
import {
  composedMlp,
  tfjsKernels,
  unfusedDense,
  unfusedLoss,
  unfusedOptimizer,
} from './fused-kernels.js';
import { explicitTransposeOnCpu, tfjsCpuMatMul, transposeFlags } from './matmul-gradient.js';
import { gatherBatches, hostCopyBatches, kernelRelu, noLossReadback } from './step-variants.js';

/**
 * Every speed experiment the suite can time against fanin's step. Experiments that won were
 * moved into @fanin/core (host batches in `fit`, Adam's host loop, the cpu matMul kernel);
 * the ones here measure what core's choices are worth (`transposeFlags`, `tfjsCpuMatMul`,
 * `gatherBatches`) or record what did not help.
 */
export const SPEED_ATTEMPTS: readonly SpeedAttempt[] = [
  tfjsKernels,
  unfusedDense,
  unfusedLoss,
  unfusedOptimizer,
  composedMlp,
  transposeFlags,
  explicitTransposeOnCpu,
  tfjsCpuMatMul,
  kernelRelu,
  fusedDense,
  noLossReadback,
  gatherBatches,
  hostCopyBatches,
];

export type { SpeedAttempt } from './attempt.js';
