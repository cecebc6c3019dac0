import { FaninError } from '@fanin/core';

/** Eigenvalues (descending) and unit eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** Size of the matrix. */
  readonly size: number;
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /**
   * Eigenvectors as the rows of a row-major `size x size` matrix: row `k` (the slice
   * `[k * size, (k + 1) * size)`) is the unit eigenvector of `values[k]`.
   */
  readonly vectors: Float64Array;
}

/**
 * Eigendecomposition of a real symmetric matrix, `A = V^T diag(values) V` with the rows of
 * `V` orthonormal: Householder reduction to tridiagonal form, then the implicit QL algorithm
 * (EISPACK's tred2 and tql2, as in JAMA), in float64. It costs about 9n^3 flops, less than
 * two sweeps of the cyclic Jacobi method (which needs 6 to 10): a dense 784 x 784 matrix
 * takes about 1.5 s of CPU in Node 20, the covariance of 1000 MNIST digits 0.9 s (zero rows,
 * from constant pixels, are split off first: their unit vectors are exact eigenvectors).
 * Plain JavaScript, so results are identical on every tfjs backend.
 *
 * Eigenvectors are only defined up to sign; each is returned with its entry of largest
 * magnitude positive, so the sign is reproducible (numpy's and LAPACK's are arbitrary).
 * Within a repeated eigenvalue any orthonormal basis is correct.
 *
 * `matrix` is row-major `size x size` and must be symmetric (only its lower triangle is
 * read) and finite. It is not modified.
 */
export function symmetricEigen(matrix: ArrayLike<number>, size: number): SymmetricEigen {
  const n = size;
  if (!Number.isInteger(n) || n < 1) {
    throw new FaninError(
      'INVALID_ARGUMENT',
      `symmetricEigen: size must be a positive integer, got ${n}`,
    );
  }
  if (matrix.length !== n * n) {
    throw new FaninError(
      'SHAPE_MISMATCH',
      `symmetricEigen: a ${n} x ${n} matrix needs ${n * n} entries, got ${matrix.length}`,
    );
  }
  for (let r = 0; r < n; r++) {
    for (let c = 0; c <= r; c++) {
      const value = matrix[r * n + c]!;
      if (!Number.isFinite(value)) {
        throw new FaninError(
          'INVALID_ARGUMENT',
          `symmetricEigen: entry [${r}, ${c}] is ${value}`,
          'The matrix must be finite; check the data for NaN or Infinity',
        );
      }
    }
  }
  // A zero row (and column) i makes the unit vector e_i an exact eigenvector of eigenvalue 0:
  // set those aside and solve the smaller rest (constant pixels, e.g. MNIST's borders, give
  // such rows in a covariance; 175 of 784 for 1000 digits, which halves the work).
  const active: number[] = [];
  const zero: number[] = [];
  for (let i = 0; i < n; i++) {
    let isZero = true;
    for (let c = 0; c <= i && isZero; c++) if (matrix[i * n + c] !== 0) isZero = false;
    for (let r = i + 1; r < n && isZero; r++) if (matrix[r * n + i] !== 0) isZero = false;
    (isZero ? zero : active).push(i);
  }
  const m = active.length;
  // w holds V transposed (w[c * m + r] = V[r][c]) so that the column operations of the
  // algorithm walk contiguous memory. A is symmetric, so w starts as a copy of A.
  const w = new Float64Array(m * m);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c <= r; c++) {
      const value = matrix[active[r]! * n + active[c]!]!;
      w[c * m + r] = value;
      w[r * m + c] = value;
    }
  }
  const d = new Float64Array(m);
  const e = new Float64Array(m);
  if (m > 0) {
    tridiagonalize(w, d, e, m);
    diagonalize(w, d, e, m);
  }
  // Back to full size: the reduced vectors on the active coordinates, then the unit vectors.
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  values.set(d);
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < m; j++) vectors[k * n + active[j]!] = w[k * m + j]!;
  }
  zero.forEach((index, z) => {
    vectors[(m + z) * n + index] = 1;
  });
  return sortDescending(vectors, values, n);
}

/** Householder reduction to tridiagonal form (tred2); w is V transposed. */
function tridiagonalize(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  // V[r][c] is w[c * n + r].
  for (let j = 0; j < n; j++) d[j] = w[j * n + (n - 1)]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + (i - 1)]!;
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        w[i * n + j] = f; // V[j][i]
        const column = j * n; // V[.][j]
        g = e[j]! + w[column + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const v = w[column + k]!;
          g += v * d[k]!;
          e[k] = e[k]! + v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const column = j * n;
        for (let k = j; k <= i - 1; k++) w[column + k] = w[column + k]! - (f * e[k]! + g * d[k]!);
        d[j] = w[column + (i - 1)]!;
        w[column + i] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    w[i * n + (n - 1)] = w[i * n + i]!;
    w[i * n + i] = 1;
    const h = d[i + 1]!;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[next + k]! / h;
      for (let j = 0; j <= i; j++) {
        const column = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[next + k]! * w[column + k]!;
        for (let k = 0; k <= i; k++) w[column + k] = w[column + k]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) w[next + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + (n - 1)]!;
    w[j * n + (n - 1)] = 0;
  }
  w[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

/** Implicit QL iterations on the tridiagonal matrix (tql2); w is V transposed. */
function diagonalize(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  const maxIterations = 60;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iteration = 0;
      do {
        iteration++;
        if (iteration > maxIterations) {
          throw new FaninError(
            'NOT_CONVERGED',
            `symmetricEigen: the QL iteration did not converge for eigenvalue ${l} after ${maxIterations} iterations`,
            'Check that the matrix is symmetric and well scaled',
          );
        }
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          rotate(w.subarray(i * n, (i + 1) * n), w.subarray((i + 1) * n, (i + 2) * n), c, s);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

/** Applies a plane rotation to two rows (the hot loop of the QL sweeps). */
function rotate(left: Float64Array, right: Float64Array, c: number, s: number): void {
  for (let k = 0; k < left.length; k++) {
    const u = left[k]!;
    const v = right[k]!;
    right[k] = s * u + c * v;
    left[k] = c * u - s * v;
  }
}

/** Orders by eigenvalue, largest first, and fixes each vector's sign. */
function sortDescending(w: Float64Array, d: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b]! - d[a]! || a - b);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((source, target) => {
    values[target] = d[source]!;
    let largest = 0;
    for (let k = 0; k < n; k++) {
      const v = w[source * n + k]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[target * n + k] = sign * w[source * n + k]!;
  });
  return { size: n, values, vectors };
}
