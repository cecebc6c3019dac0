import { defineInitializer, option, type Random, ShapeError, sizeOf, tf } from '@fanin/core';
import { householderQr } from './qr.js';

/**
 * A random rows×cols matrix with orthonormal columns (rows >= cols) or rows (rows < cols),
 * drawn from the Haar (uniform) distribution, row-major in float64.
 *
 * QR of a matrix of independent unit normals gives an orthogonal Q, but its distribution
 * depends on the sign convention of the decomposition. Multiplying column j of Q by the
 * sign of R[j, j] makes R's diagonal positive, which makes the factorization unique and Q
 * Haar-distributed (Mezzadri, 2007), as PyTorch's `orthogonal_` and Keras's `Orthogonal` do.
 */
export function orthogonalMatrix(random: Random, rows: number, cols: number): Float64Array {
  const tall = Math.max(rows, cols);
  const thin = Math.min(rows, cols);
  const gaussian = new Float64Array(tall * thin);
  for (let i = 0; i < gaussian.length; i++) gaussian[i] = random.normal();
  const { q, r } = householderQr(gaussian, tall, thin);
  for (let j = 0; j < thin; j++) {
    if (r[j * thin + j]! < 0) for (let i = 0; i < tall; i++) q[j * tall + i] = -q[j * tall + i]!;
  }
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      // q is tall×thin column-major; rows < cols takes its transpose
      out[i * cols + j] = rows >= cols ? q[j * tall + i]! : q[i * tall + j]!;
    }
  }
  return out;
}

/**
 * orthogonal: gain × a random orthogonal matrix (Saxe et al., 2014), Haar-distributed.
 * The shape is flattened to [product of leading dims, last dim] (a dense [in, out] kernel as
 * is, a conv [kh, kw, in, out] kernel as [kh·kw·in, out]); the result has orthonormal columns
 * when there are at least as many rows, so WᵀW = gain²·I, and orthonormal rows otherwise
 * (WWᵀ = gain²·I). This is Keras's `Orthogonal(gain)`; PyTorch's `orthogonal_(w, gain)`
 * flattens its [out, in, ...] layout to [out, in·...], the same matrix transposed.
 *
 * Norm-preserving: every singular value is gain, so deep linear stacks neither shrink nor
 * grow signals. Cost O(rows·cols²) in JavaScript (about a second for 1000×1000).
 * Rank 0 and 1 shapes are errors (as in PyTorch and Keras).
 */
export const orthogonal = defineInitializer({
  description:
    'Random orthogonal matrix (Haar) times gain; conv kernels flattened to [kh·kw·in, out]',
  options: {
    gain: option.number({
      description: 'Multiplies the matrix: every singular value equals gain',
      default: 1,
      min: 0,
    }),
  },
  metadata: { random: true, distribution: 'orthogonal' },
  create: ({ gain }, { name }) => ({
    name,
    init(shape, { random, name: parameter }) {
      if (shape.length < 2) {
        const target = parameter ? ` for "${parameter}"` : '';
        throw new ShapeError(
          `initializer "${name}"${target}: needs a shape of rank >= 2, got [${shape.join(', ')}]`,
          'Use it for kernels ([in, out] or [...kernel, in, out]); initialize biases with "zeros"',
        );
      }
      if (sizeOf(shape) === 0) return tf.zeros([...shape]);
      const cols = shape[shape.length - 1]!;
      const rows = sizeOf(shape) / cols;
      const matrix = orthogonalMatrix(random, rows, cols);
      const values = new Float32Array(matrix.length);
      for (let i = 0; i < matrix.length; i++) values[i] = gain * matrix[i]!;
      return tf.tensor(values, [...shape], 'float32');
    },
  }),
});
