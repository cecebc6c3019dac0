import { columnMeans, covarianceMatrix } from '../linalg/moments.js';
import { symmetricEigen } from '../linalg/symmetric-eigen.js';

/** The eigendecomposition of a training covariance that PCA and ZCA are built from. */
export interface PrincipalAxes {
  /** Training mean of each feature. */
  readonly mean: number[];
  /** Eigenvalues of the covariance (divided by N - 1), largest first, never negative. */
  readonly variances: number[];
  /** The matching unit eigenvectors, one row of `columns` numbers each. */
  readonly vectors: number[][];
}

/**
 * Mean, then eigenvalues and eigenvectors of the sample covariance (divided by N - 1, like
 * numpy's `cov`) of a row-major `rows x columns` matrix, in float64 (see `symmetricEigen`).
 * Round-off can leave zero eigenvalues slightly negative: they are set to 0.
 */
export function principalAxes(
  values: ArrayLike<number>,
  rows: number,
  columns: number,
): PrincipalAxes {
  const mean = columnMeans(values, rows, columns);
  const eigen = symmetricEigen(covarianceMatrix(values, rows, columns, mean, 1), columns);
  return {
    mean: Array.from(mean),
    variances: Array.from(eigen.values, (value) => Math.max(0, value)),
    vectors: Array.from({ length: columns }, (_, k) =>
      Array.from(eigen.vectors.subarray(k * columns, (k + 1) * columns)),
    ),
  };
}
