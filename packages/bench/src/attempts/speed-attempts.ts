import { combineAttempts, type SpeedAttempt } from './attempt.js';
import { blockedCpuMatMul } from './blocked-cpu-matmul.js';
import { directAdam } from './direct-adam.js';
import { fusedAdam } from './fused-adam.js';
import { fusedDense } from './fused-dense.js';
import { explicitTransposeOnCpu, transposeFlags } from './matmul-gradient.js';
import { gatherBatches, hostCopyBatches, kernelRelu, noLossReadback } from './step-variants.js';

/** The two cpu changes together: what the cpu backend gains if core adopts both. */
export const cpuKernels = combineAttempts('cpuKernels', 'blockedCpuMatMul and fusedAdam together', [
  blockedCpuMatMul,
  fusedAdam,
]);

/** Every speed experiment the suite can time against fanin's step. */
export const SPEED_ATTEMPTS: readonly SpeedAttempt[] = [
  transposeFlags,
  explicitTransposeOnCpu,
  kernelRelu,
  fusedDense,
  fusedAdam,
  directAdam,
  blockedCpuMatMul,
  cpuKernels,
  noLossReadback,
  gatherBatches,
  hostCopyBatches,
];

export type { SpeedAttempt } from './attempt.js';
