import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The gradient of BatchMatMul, y = op(a) @ op(b) with op a transpose where transposeA /
 * transposeB say so. For inputs [..., m, k] and [..., k, n] whose batch dimensions broadcast
 * (a [2, 3, 4] against b [4, 2], a batch of 1 against a batch of 2, different ranks),
 * dy @ op(b)^T and op(a)^T @ dy have the broadcast batch shape, so each is summed over the
 * batch axes its input was broadcast along and reshaped to that input's shape, as PyTorch
 * does (tfjs 4.22 returns them unreduced, and the tape then throws "gradient of input 'b' has
 * shape '2,4,2', which does not match the shape of the input '4,2'").
 *
 * Transposes: on wasm the operands are transposed explicitly before a plain matMul, which its
 * XNNPACK path runs about 13x faster than matMul with transposeA/transposeB (a training step
 * of the reference MLP, 784-100x5-10, batch 100, Adam: ~6.5 ms instead of ~22 ms; @fanin/bench,
 * attempt "transposeFlags"). On cpu the transposed forms are kept: its kernel reads strided
 * operands at no extra cost and its transpose is slow (attempt "explicitTransposeOnCpu").
 */
export const batchMatMulGradient: GradConfig = {
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
    // The gradients of a and b as stored, as in tfjs's own table, one row per transpose setting.
    const [da, db] =
      !transposeA && !transposeB
        ? [() => mm(dy, b, false, true), () => mm(a, dy, true, false)]
        : !transposeA && transposeB
          ? [() => mm(dy, b, false, false), () => mm(dy, a, true, false)]
          : transposeA && !transposeB
            ? [() => mm(b, dy, false, true), () => mm(a, dy, false, false)]
            : [() => mm(b, dy, true, true), () => mm(dy, a, true, true)];
    return { a: () => sumToShape(da(), a.shape), b: () => sumToShape(db(), b.shape) };
  },
};

/**
 * Sums a gradient of the broadcast batch shape [...batch, r, c] over the axes along which an
 * input of `shape` [...inputBatch, r, c] was broadcast (missing leading axes and axes of size
 * 1), then reshapes it to `shape`. Returns the gradient itself when nothing was broadcast.
 */
function sumToShape(gradient: Tensor, shape: readonly number[]): Tensor {
  const axes = tf.backend_util.getReductionAxes([...shape], gradient.shape);
  if (axes.length === 0 && gradient.rank === shape.length) return gradient;
  return tf.reshape(axes.length === 0 ? gradient : tf.sum(gradient, axes), [...shape]);
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
