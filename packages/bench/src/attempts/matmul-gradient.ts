import {
  registerCpuMatMul,
  registerGradients,
  type Tensor,
  tf,
  unregisterCpuMatMul,
} from '@fanin/core';
import type { SpeedAttempt } from './attempt.js';

/**
 * Registers `config` in place of the current gradient of its kernel and returns the function
 * that restores the previous one. For kernels fanin overrides, use `patchGradient`: core's
 * `registerGradients` (run by every `valueAndGrad`) puts its own entries back.
 */
export function swapGradient(config: tf.GradConfig): () => void {
  const previous = tf.getGradient(config.kernelName);
  if (previous) tf.unregisterGradient(config.kernelName);
  tf.registerGradient(config);
  return () => {
    tf.unregisterGradient(config.kernelName);
    if (previous) tf.registerGradient(previous);
  };
}

/**
 * Replaces the gradient function inside the registered entry of a kernel (the entry object
 * stays, so fanin's `registerGradients` sees its own entry and leaves it), and returns the
 * function that puts the original function back.
 */
export function patchGradient(kernelName: string, gradFunc: tf.GradFunc): () => void {
  registerGradients();
  const entry = tf.getGradient(kernelName) as { gradFunc: tf.GradFunc } | undefined;
  if (!entry) throw new Error(`patchGradient: no gradient registered for ${kernelName}`);
  const original = entry.gradFunc;
  entry.gradFunc = gradFunc;
  return () => {
    entry.gradFunc = original;
  };
}

function transposeLast(x: Tensor): Tensor {
  if (x.rank === 2) return tf.transpose(x);
  const perm = Array.from({ length: x.rank }, (_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return tf.transpose(x, perm);
}

/** The BatchMatMul gradient with every transposed product done one way. */
export function batchMatMulGradient(explicit: boolean): tf.GradConfig {
  const mm = (x: Tensor, y: Tensor, tx: boolean, ty: boolean): Tensor =>
    explicit
      ? tf.matMul(tx ? transposeLast(x) : x, ty ? transposeLast(y) : y)
      : tf.matMul(x, y, tx, ty);
  return {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dyOrList, saved, attrs: tf.NamedAttrMap) => {
      const dy = dyOrList as Tensor;
      const [a, b] = saved as [Tensor, Tensor];
      const { transposeA, transposeB } = attrs as unknown as {
        transposeA: boolean;
        transposeB: boolean;
      };
      if (!transposeA && !transposeB)
        return { a: () => mm(dy, b, false, true), b: () => mm(a, dy, true, false) };
      if (!transposeA && transposeB)
        return { a: () => mm(dy, b, false, false), b: () => mm(dy, a, true, false) };
      if (transposeA && !transposeB)
        return { a: () => mm(b, dy, false, true), b: () => mm(a, dy, false, false) };
      return { a: () => mm(b, dy, true, true), b: () => mm(dy, a, true, true) };
    },
  };
}

/**
 * tfjs's own BatchMatMul gradient (matMul with transposeA / transposeB) instead of fanin's
 * override, which transposes explicitly on wasm: shows what the override saves there.
 */
export const transposeFlags: SpeedAttempt = {
  name: 'transposeFlags',
  description:
    "tfjs's matMul gradient (transposeA/transposeB flags) instead of fanin's explicit transposes",
  backends: ['wasm'],
  install: () => patchGradient(tf.BatchMatMul, batchMatMulGradient(false).gradFunc),
};

/**
 * Explicit transposes on the cpu backend too, where fanin keeps the flags: shows why.
 */
export const explicitTransposeOnCpu: SpeedAttempt = {
  name: 'explicitTransposeOnCpu',
  description:
    'matMul gradient with explicit transposes on cpu as well (fanin keeps the flags there)',
  backends: ['cpu'],
  install: () => patchGradient(tf.BatchMatMul, batchMatMulGradient(true).gradFunc),
};

/**
 * tfjs's own cpu BatchMatMul kernel instead of fanin's 4 x 4 register-blocked one (which
 * `useBackend('cpu')` registers): shows what fanin's kernel saves on cpu.
 */
export const tfjsCpuMatMul: SpeedAttempt = {
  name: 'tfjsCpuMatMul',
  description: "tfjs's own cpu BatchMatMul kernel instead of fanin's blocked JavaScript GEMM",
  backends: ['cpu'],
  install: () => {
    unregisterCpuMatMul();
    return registerCpuMatMul;
  },
};
