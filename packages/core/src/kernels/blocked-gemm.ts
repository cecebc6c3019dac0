/**
 * C = A B^T for row-major A [m, k] and Bt [n, k] (B given transposed, so both operands are
 * read along rows), written at `out[outOffset + i * n + j]`. Computed in 4 x 4 register
 * blocks: 16 running sums per pass over k, in float64, stored as float32. JavaScript has no
 * SIMD; the blocking saves loads and index arithmetic, ~4x over tfjs's cpu matMul kernel on
 * 100 x 784 x 100 products.
 */
export function multiplyTransposed(
  a: Float32Array,
  bt: Float32Array,
  out: Float32Array,
  m: number,
  k: number,
  n: number,
  outOffset = 0,
): void {
  for (let i = 0; i < m; i += 4) {
    for (let j = 0; j < n; j += 4) {
      if (i + 4 <= m && j + 4 <= n) {
        block4x4(a, bt, out, i, j, k, n, outOffset);
        continue;
      }
      for (let ii = i; ii < Math.min(i + 4, m); ii++) {
        for (let jj = j; jj < Math.min(j + 4, n); jj++) {
          let sum = 0;
          for (let kk = 0; kk < k; kk++) sum += a[ii * k + kk]! * bt[jj * k + kk]!;
          out[outOffset + ii * n + jj] = sum;
        }
      }
    }
  }
}

function block4x4(
  a: Float32Array,
  bt: Float32Array,
  out: Float32Array,
  i: number,
  j: number,
  k: number,
  n: number,
  outOffset: number,
): void {
  const a0 = i * k;
  const a1 = a0 + k;
  const a2 = a1 + k;
  const a3 = a2 + k;
  const b0 = j * k;
  const b1 = b0 + k;
  const b2 = b1 + k;
  const b3 = b2 + k;
  let s00 = 0;
  let s01 = 0;
  let s02 = 0;
  let s03 = 0;
  let s10 = 0;
  let s11 = 0;
  let s12 = 0;
  let s13 = 0;
  let s20 = 0;
  let s21 = 0;
  let s22 = 0;
  let s23 = 0;
  let s30 = 0;
  let s31 = 0;
  let s32 = 0;
  let s33 = 0;
  for (let kk = 0; kk < k; kk++) {
    const x0 = a[a0 + kk]!;
    const x1 = a[a1 + kk]!;
    const x2 = a[a2 + kk]!;
    const x3 = a[a3 + kk]!;
    const y0 = bt[b0 + kk]!;
    const y1 = bt[b1 + kk]!;
    const y2 = bt[b2 + kk]!;
    const y3 = bt[b3 + kk]!;
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s22 += x2 * y2;
    s23 += x2 * y3;
    s30 += x3 * y0;
    s31 += x3 * y1;
    s32 += x3 * y2;
    s33 += x3 * y3;
  }
  let c = outOffset + i * n + j;
  out[c] = s00;
  out[c + 1] = s01;
  out[c + 2] = s02;
  out[c + 3] = s03;
  c += n;
  out[c] = s10;
  out[c + 1] = s11;
  out[c + 2] = s12;
  out[c + 3] = s13;
  c += n;
  out[c] = s20;
  out[c + 1] = s21;
  out[c + 2] = s22;
  out[c + 3] = s23;
  c += n;
  out[c] = s30;
  out[c + 1] = s31;
  out[c + 2] = s32;
  out[c + 3] = s33;
}

/**
 * Copies matrix `index` of a batch of row-major [rows, columns] matrices into `into`, as is
 * or transposed (then `into` is [columns, rows]).
 */
export function matrixOf(
  values: Float32Array,
  index: number,
  rows: number,
  columns: number,
  transpose: boolean,
  into: Float32Array,
): Float32Array {
  const offset = index * rows * columns;
  if (!transpose) {
    into.set(values.subarray(offset, offset + rows * columns));
    return into;
  }
  for (let r = 0; r < rows; r++) {
    const from = offset + r * columns;
    for (let c = 0; c < columns; c++) into[c * rows + r] = values[from + c]!;
  }
  return into;
}
