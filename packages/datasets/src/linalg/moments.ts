/**
 * Per-feature means, variances and the covariance matrix of a row-major `rows x columns`
 * data matrix, computed in float64 with two passes (mean first, then centered sums), which
 * stays accurate when the features sit far from zero.
 */

/** Mean of each column. */
export function columnMeans(data: ArrayLike<number>, rows: number, columns: number): Float64Array {
  const sums = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const offset = r * columns;
    for (let c = 0; c < columns; c++) sums[c] = sums[c]! + data[offset + c]!;
  }
  for (let c = 0; c < columns; c++) sums[c] = sums[c]! / rows;
  return sums;
}

/**
 * Variance of each column around `means`, divided by `rows - ddof` (ddof 0: the population
 * variance, as numpy's default and sklearn's StandardScaler; ddof 1: the unbiased one).
 */
export function columnVariances(
  data: ArrayLike<number>,
  rows: number,
  columns: number,
  means: Float64Array,
  ddof = 0,
): Float64Array {
  const sums = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const offset = r * columns;
    for (let c = 0; c < columns; c++) {
      const centered = data[offset + c]! - means[c]!;
      sums[c] = sums[c]! + centered * centered;
    }
  }
  const divisor = rows - ddof;
  for (let c = 0; c < columns; c++) sums[c] = sums[c]! / divisor;
  return sums;
}

/**
 * The `columns x columns` covariance matrix (row-major, symmetric) around `means`, divided by
 * `rows - ddof`. Costs rows * columns^2 / 2 multiply-adds: about 0.3 s for 1000 MNIST images
 * (784 features) in plain JavaScript.
 */
export function covarianceMatrix(
  data: ArrayLike<number>,
  rows: number,
  columns: number,
  means: Float64Array,
  ddof = 1,
): Float64Array {
  // Centered data stored column by column, so each covariance entry is a contiguous dot product.
  const centered = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const offset = r * columns;
    for (let c = 0; c < columns; c++) centered[c * rows + r] = data[offset + c]! - means[c]!;
  }
  const divisor = rows - ddof;
  const covariance = new Float64Array(columns * columns);
  for (let i = 0; i < columns; i++) {
    const a = i * rows;
    for (let j = 0; j <= i; j++) {
      const b = j * rows;
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += centered[a + r]! * centered[b + r]!;
      const value = sum / divisor;
      covariance[i * columns + j] = value;
      covariance[j * columns + i] = value;
    }
  }
  return covariance;
}
