import { readFileSync } from 'node:fs';

/** The backends every tensor-producing suite runs on. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** The numpy golden values written by scripts/pca_golden.py. */
export interface PcaGolden {
  readonly correlated: {
    readonly x: number[][];
    readonly mean: number[];
    readonly covariance: number[][];
    readonly eigenvalues: number[];
    readonly eigenvectors: number[][];
    readonly standardize: {
      readonly epsilon: number;
      readonly variance: number[];
      readonly transformed: number[][];
    };
    readonly pca: {
      readonly components: number;
      readonly transformed: number[][];
      readonly explainedVarianceRatio: number[];
    };
    readonly pcaWhiten: { readonly epsilon: number; readonly transformed: number[][] };
    readonly zca: {
      readonly epsilon: number;
      readonly matrix: number[][];
      readonly transformed: number[][];
    };
  };
  readonly mnist: {
    readonly perDigit: number;
    readonly components: number;
    readonly totalVariance: number;
    readonly eigenvalues: number[];
    readonly explainedVarianceRatio: number[];
    readonly eigenvectors: number[][];
    readonly projected: number[][];
  };
}

let golden: PcaGolden | undefined;

export function pcaGolden(): PcaGolden {
  golden ??= JSON.parse(
    readFileSync(new URL('../fixtures/pca-golden.json', import.meta.url), 'utf8'),
  ) as PcaGolden;
  return golden;
}

/** Largest |a - b| over two equally long lists. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** `rows` flattened row-major. */
export function flat(rows: ReadonlyArray<ArrayLike<number>>): number[] {
  return rows.flatMap((row) => Array.from(row));
}

/**
 * max |a - b| divided by max |b|: the error of float32 results relative to the scale of the
 * float64 reference (float32 has a relative precision of 6e-8; sums of tens of products
 * reach a few 1e-7).
 */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
  return maxAbsDifference(actual, expected) / scale;
}
