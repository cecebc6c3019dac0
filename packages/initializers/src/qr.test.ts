import { Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { householderQr } from './qr.js';

/** Column-major m×n product of column-major a (m×k) and b (k×n). */
function multiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++)
    for (let p = 0; p < k; p++)
      for (let i = 0; i < m; i++) out[j * m + i]! += a[p * m + i]! * b[j * k + p]!;
  return out;
}

describe('householderQr', () => {
  it.each([
    [5, 5],
    [7, 3],
    [40, 25],
  ])('factors a %i×%i matrix: QR = A, QᵀQ = I, R upper triangular', (m, n) => {
    const random = new Random(3);
    const a = Float64Array.from({ length: m * n }, () => random.normal());
    const { q, r } = householderQr(a, m, n);
    const product = multiply(q, r, m, n, n);
    for (let i = 0; i < a.length; i++) expect(product[i]).toBeCloseTo(a[i]!, 12);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let p = 0; p < m; p++) dot += q[i * m + p]! * q[j * m + p]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
        if (i > j) expect(r[j * n + i]).toBe(0);
      }
  });

  it('handles a rank-deficient matrix (a zero column)', () => {
    const a = Float64Array.from([1, 2, 0, 0, 3, 4]); // 2×3 column-major: columns (1,2), (0,0), (3,4)
    expect(() => householderQr(a, 2, 3)).toThrow('householderQr needs m >= n, got 2×3');
    const tall = Float64Array.from([0, 0, 0, 1, 2, 3]); // 3×2, first column zero
    const { q, r } = householderQr(tall, 3, 2);
    const product = multiply(q, r, 3, 2, 2);
    for (let i = 0; i < tall.length; i++) expect(product[i]).toBeCloseTo(tall[i]!, 14);
  });
});
