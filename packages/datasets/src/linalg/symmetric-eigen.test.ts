import { Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { flat, maxAbsDifference, pcaGolden } from '../../test/helpers.js';
import { symmetricEigen } from './symmetric-eigen.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const random = new Random(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = random.normal();
      a[i * n + j] = value;
      a[j * n + i] = value;
    }
  }
  return a;
}

/** max |A v - lambda v| over all pairs, and max |V V^T - I|. */
function residuals(a: Float64Array, n: number) {
  const { values, vectors } = symmetricEigen(a, n);
  let eigen = 0;
  let orthogonality = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let av = 0;
      for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[k * n + j]!;
      eigen = Math.max(eigen, Math.abs(av - values[k]! * vectors[k * n + i]!));
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += vectors[k * n + j]! * vectors[l * n + j]!;
      orthogonality = Math.max(orthogonality, Math.abs(dot - (k === l ? 1 : 0)));
    }
  }
  return { values, vectors, eigen, orthogonality };
}

describe('symmetricEigen', () => {
  it.each([1, 2, 3, 10, 57])(
    'diagonalizes a random symmetric %i x %i matrix to float64 precision',
    (n) => {
      const a = randomSymmetric(n, n);
      const { values, vectors, eigen, orthogonality } = residuals(a, n);
      expect(eigen).toBeLessThan(1e-12 * n);
      expect(orthogonality).toBeLessThan(1e-13 * n);
      for (let k = 1; k < n; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i]!;
      expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 10);
      // Sign convention: each vector's largest-magnitude entry is positive.
      for (let k = 0; k < n; k++) {
        const row = Array.from(vectors.subarray(k * n, (k + 1) * n));
        const largest = row.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
        expect(largest).toBeGreaterThan(0);
      }
    },
  );

  it('handles diagonal, repeated and zero spectra', () => {
    const diagonal = symmetricEigen([2, 0, 0, 0, -1, 0, 0, 0, 5], 3);
    expect(Array.from(diagonal.values)).toEqual([5, 2, -1]);
    expect(Array.from(diagonal.vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);

    const identity = residuals(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), 3);
    expect(Array.from(identity.values)).toEqual([1, 1, 1]);
    expect(identity.orthogonality).toBeLessThan(1e-15);

    const zero = residuals(new Float64Array(16), 4);
    expect(Array.from(zero.values)).toEqual([0, 0, 0, 0]);
    expect(zero.orthogonality).toBeLessThan(1e-15);

    // A rank-1 matrix u u^T: one eigenvalue |u|^2 = 14 along u, the rest 0.
    const u = [1, 2, 3];
    const rankOne = residuals(Float64Array.from(u.flatMap((a) => u.map((b) => a * b))), 3);
    expect(rankOne.values[0]).toBeCloseTo(14, 12);
    expect(Math.abs(rankOne.values[1]!)).toBeLessThan(1e-14);
    expect(
      maxAbsDifference(
        rankOne.vectors.subarray(0, 3),
        u.map((v) => v / Math.sqrt(14)),
      ),
    ).toBeLessThan(1e-15);
  });

  it('splits off zero rows (constant features) and returns their unit vectors with eigenvalue 0', () => {
    const inner = randomSymmetric(4, 99);
    const positions = [0, 2, 3, 5];
    const a = new Float64Array(36);
    positions.forEach((r, i) => {
      positions.forEach((c, j) => {
        a[r * 6 + c] = inner[i * 4 + j]!;
      });
    });
    const { values, vectors, eigen, orthogonality } = residuals(a, 6);
    expect(eigen).toBeLessThan(1e-13);
    expect(orthogonality).toBeLessThan(1e-14);
    const innerValues = symmetricEigen(inner, 4).values;
    const expected = [...innerValues, 0, 0].sort((p, q) => q - p);
    expect(maxAbsDifference(values, expected)).toBeLessThan(1e-13);
    const units = [1, 4].map((index) =>
      Array.from({ length: 6 }, (_, j) => (j === index ? 1 : 0)).join(),
    );
    const rows = Array.from({ length: 6 }, (_, k) =>
      Array.from(vectors.subarray(k * 6, k * 6 + 6)).join(),
    );
    for (const unit of units) expect(rows).toContain(unit);
  });

  it('matches numpy.linalg.eigh on the covariance of the golden data (up to sign)', () => {
    const { covariance, eigenvalues, eigenvectors } = pcaGolden().correlated;
    const n = covariance.length;
    const { values, vectors } = symmetricEigen(flat(covariance), n);
    expect(maxAbsDifference(values, eigenvalues)).toBeLessThan(1e-12 * eigenvalues[0]!);
    eigenvectors.forEach((expected, k) => {
      const row = vectors.subarray(k * n, (k + 1) * n);
      const sign = Math.sign(expected.reduce((s, v, i) => s + v * row[i]!, 0));
      expect(
        maxAbsDifference(
          row.map((v) => sign * v),
          expected,
        ),
      ).toBeLessThan(1e-12);
    });
  });

  it('rejects a matrix of the wrong size or with non-finite entries', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(
      'symmetricEigen: a 2 x 2 matrix needs 4 entries, got 3',
    );
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow(
      'symmetricEigen: entry [1, 0] is NaN',
    );
    expect(() => symmetricEigen([], 0)).toThrow('size must be a positive integer');
  });
});
