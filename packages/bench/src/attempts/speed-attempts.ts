import type { SpeedAttempt } from './attempt.js';
import { blockedCpuMatMul } from './blocked-cpu-matmul.js';
import { fusedAdam } from './fused-adam.js';
import { fusedDense } from './fused-dense.js';
import { explicitTransposeOnCpu, transposeFlags } from './matmul-gradient.js';
import { kernelRelu, noLossReadback } from './step-variants.js';

/** Every speed experiment the suite can time against fanin's step. */
export const SPEED_ATTEMPTS: readonly SpeedAttempt[] = [
  transposeFlags,
  explicitTransposeOnCpu,
  kernelRelu,
  fusedDense,
  fusedAdam,
  blockedCpuMatMul,
  noLossReadback,
];

export type { SpeedAttempt } from './attempt.js';
