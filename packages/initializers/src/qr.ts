/**
 * The thin QR decomposition A = QR of a tall matrix by Householder reflections, in float64,
 * in plain JavaScript (so the result does not depend on the tfjs backend).
 */
export interface QrResult {
  /** Q, m×n with orthonormal columns, column-major: column j is q[j·m .. j·m + m). */
  readonly q: Float64Array;
  /** R, n×n upper triangular, column-major. */
  readonly r: Float64Array;
}

/**
 * Decomposes the m×n matrix `a` (m >= n, column-major: column j is a[j·m .. j·m + m)). Each
 * step reflects the remaining part of column k onto its first coordinate, with the sign
 * that avoids cancellation, so R's diagonal may be negative. Costs about 4mn² − 4n³/3 flops.
 */
export function householderQr(a: Float64Array, m: number, n: number): QrResult {
  if (m < n) throw new RangeError(`householderQr needs m >= n, got ${m}×${n}`);
  const work = Float64Array.from(a); // becomes R (upper part), column-major m×n
  const reflectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const column = k * m;
    let norm = 0;
    for (let i = k; i < m; i++) norm += work[column + i]! ** 2;
    norm = Math.sqrt(norm);
    const v = new Float64Array(m - k);
    const alpha = work[column + k]! >= 0 ? -norm : norm;
    for (let i = k; i < m; i++) v[i - k] = work[column + i]!;
    v[0]! -= alpha;
    let vNorm = 0;
    for (let i = 0; i < v.length; i++) vNorm += v[i]! ** 2;
    vNorm = Math.sqrt(vNorm);
    if (vNorm > 0) for (let i = 0; i < v.length; i++) v[i]! /= vNorm;
    reflectors.push(v);
    reflect(work, m, n, k, v);
  }
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i <= j; i++) r[j * n + i] = work[j * m + i]!;
  // Q = H₀H₁…H₍ₙ₋₁₎ applied to the first n columns of the identity, last reflector first.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) reflect(q, m, n, k, reflectors[k]!);
  return { q, r };
}

/**
 * Applies the Householder reflection H = I − 2vvᵀ (v of unit length, or zero for none, acting
 * on rows k..m−1) in place to columns k..n−1 of the column-major m×n `matrix`.
 */
function reflect(matrix: Float64Array, m: number, n: number, k: number, v: Float64Array): void {
  for (let j = k; j < n; j++) {
    const offset = j * m + k;
    let dot = 0;
    for (let i = 0; i < v.length; i++) dot += v[i]! * matrix[offset + i]!;
    dot *= 2;
    for (let i = 0; i < v.length; i++) matrix[offset + i]! -= dot * v[i]!;
  }
}
