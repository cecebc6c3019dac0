import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * fanin's own gradients, registered over tfjs's. One table, so every deviation from tfjs is
 * visible in one place:
 *
 * - Exp, Sigmoid, Tanh, Elu: tfjs computes these from the saved *output* (or, for Elu, with
 *   a kernel that has no gradient), so grad(grad(f)) fails. These recompute from the input,
 *   which makes every derivative differentiable again (second order works).
 * - BatchMatMul: tfjs's gradient uses matMul with transposeA/transposeB, which the wasm
 *   backend runs about 13x slower than an explicit transpose followed by a plain matMul
 *   (its XNNPACK path takes only untransposed operands; the rest is a scalar loop). On wasm
 *   we transpose explicitly: a training step of the reference MLP (784-100x5-10, batch 100,
 *   Adam) takes ~6.5 ms instead of ~22 ms (@fanin/bench, attempt "transposeFlags"). On cpu
 *   the transposed forms are kept: its kernel reads strided operands at no extra cost and
 *   its transpose is slow (attempt "explicitTransposeOnCpu").
 */
export const GRADIENT_OVERRIDES: readonly GradConfig[] = [
  gradientFromInput(tf.Exp, (x) => tf.exp(x)),
  gradientFromInput(tf.Sigmoid, (x) => {
    const s = tf.sigmoid(x);
    return tf.mul(s, tf.sub(1, s));
  }),
  gradientFromInput(tf.Tanh, (x) => tf.sub(1, tf.square(tf.tanh(x)))),
  // d/dx elu(x) = 1 for x > 0, exp(x) otherwise (tfjs's Elu has alpha = 1).
  // step() has a (zero) gradient, unlike comparisons, so this stays differentiable.
  gradientFromInput(tf.Elu, (x) => {
    const positive = tf.step(x);
    return tf.add(positive, tf.mul(tf.sub(1, positive), tf.exp(tf.minimum(x, 0))));
  }),
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dyOrList, saved, attrs: NamedAttrMap) => {
      const dy = dyOrList as Tensor;
      const [a, b] = saved as [Tensor, Tensor];
      const { transposeA, transposeB } = attrs as unknown as {
        transposeA: boolean;
        transposeB: boolean;
      };
      const explicit = tf.getBackend() === 'wasm';
      // mm(x, y, tx, ty) = op(x) @ op(y), transposing explicitly on wasm.
      const mm = (x: Tensor, y: Tensor, tx: boolean, ty: boolean): Tensor =>
        explicit ? tf.matMul(tx ? swapLast(x) : x, ty ? swapLast(y) : y) : tf.matMul(x, y, tx, ty);
      if (!transposeA && !transposeB)
        return { a: () => mm(dy, b, false, true), b: () => mm(a, dy, true, false) };
      if (!transposeA && transposeB)
        return { a: () => mm(dy, b, false, false), b: () => mm(dy, a, true, false) };
      if (transposeA && !transposeB)
        return { a: () => mm(b, dy, false, true), b: () => mm(a, dy, false, false) };
      return { a: () => mm(b, dy, true, true), b: () => mm(dy, a, true, true) };
    },
  },
];

/**
 * The gradient of a unary kernel recomputed from its saved input x, dx = dy * derivative(x),
 * so that it is itself differentiable (tfjs's own gradients of these kernels read the saved
 * output, which breaks second order).
 */
function gradientFromInput(kernelName: string, derivative: (x: Tensor) => Tensor): GradConfig {
  return {
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      return { x: () => tf.mul(dy, derivative(x)) };
    },
  };
}

/** Transposes the last two dimensions. */
function swapLast(x: Tensor): Tensor {
  const rank = x.rank;
  if (rank === 2) return tf.transpose(x);
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return tf.transpose(x, perm);
}
