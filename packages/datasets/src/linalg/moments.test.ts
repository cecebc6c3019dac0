import { describe, expect, it } from 'vitest';
import { flat, maxAbsDifference, pcaGolden } from '../../test/helpers.js';
import { columnMeans, columnVariances, covarianceMatrix } from './moments.js';

describe('moments', () => {
  it('match numpy on the golden data (mean, population variance, covariance / (N - 1))', () => {
    const { x, mean, covariance, standardize } = pcaGolden().correlated;
    const data = flat(x);
    const rows = x.length;
    const columns = x[0]!.length;
    const means = columnMeans(data, rows, columns);
    expect(maxAbsDifference(means, mean)).toBeLessThan(1e-13);
    expect(
      maxAbsDifference(columnVariances(data, rows, columns, means, 0), standardize.variance),
    ).toBeLessThan(1e-12);
    expect(
      maxAbsDifference(covarianceMatrix(data, rows, columns, means, 1), flat(covariance)),
    ).toBeLessThan(1e-12);
  });

  it('stay accurate far from zero (two passes)', () => {
    const data = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4];
    const means = columnMeans(data, 4, 1);
    expect(columnVariances(data, 4, 1, means, 0)[0]).toBe(1.25);
    expect(covarianceMatrix(data, 4, 1, means, 1)[0]).toBeCloseTo(5 / 3, 12);
  });
});

describe('covarianceMatrix blocking', () => {
  it('equals the plain double loop bit for bit, for widths that are not multiples of 4', () => {
    for (const columns of [1, 2, 3, 6, 7, 9]) {
      const rows = 13;
      const data = Array.from(
        { length: rows * columns },
        (_, i) => Math.sin(i * 0.37) * (1 + (i % 5)),
      );
      const means = columnMeans(data, rows, columns);
      const blocked = covarianceMatrix(data, rows, columns, means, 1);
      for (let i = 0; i < columns; i++) {
        for (let j = 0; j < columns; j++) {
          let sum = 0;
          for (let r = 0; r < rows; r++)
            sum += (data[r * columns + i]! - means[i]!) * (data[r * columns + j]! - means[j]!);
          expect(blocked[i * columns + j]).toBe(sum / (rows - 1));
        }
      }
    }
  });
});
