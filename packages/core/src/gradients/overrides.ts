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
 *   backend runs about 13x slower than an explicit transpose followed by a plain matMul.
 *   On wasm we transpose explicitly; elsewhere the transposed forms are kept.
 */
export const GRADIENT_OVERRIDES: readonly GradConfig[] = [
  {
    kernelName: tf.Exp,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      return { x: () => tf.mul(dy, tf.exp(x)) };
    },
  },
  {
    kernelName: tf.Sigmoid,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      return {
        x: () => {
          const s = tf.sigmoid(x);
          return tf.mul(dy, tf.mul(s, tf.sub(1, s)));
        },
      };
    },
  },
  {
    kernelName: tf.Tanh,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      return {
        x: () => {
          const t = tf.tanh(x);
          return tf.mul(dy, tf.sub(1, tf.square(t)));
        },
      };
    },
  },
  {
    kernelName: tf.Elu,
    inputsToSave: ['x'],
    gradFunc: (dyOrList, saved) => {
      const dy = dyOrList as Tensor;
      const [x] = saved as [Tensor];
      // d/dx elu(x) = 1 for x > 0, exp(x) otherwise (tfjs's Elu has alpha = 1).
      // step() has a (zero) gradient, unlike comparisons, so this stays differentiable.
      return {
        x: () => {
          const positive = tf.step(x);
          return tf.mul(
            dy,
            tf.add(positive, tf.mul(tf.sub(1, positive), tf.exp(tf.minimum(x, 0)))),
          );
        },
      };
    },
  },
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

/** Transposes the last two dimensions. */
function swapLast(x: Tensor): Tensor {
  const rank = x.rank;
  if (rank === 2) return tf.transpose(x);
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return tf.transpose(x, perm);
}
