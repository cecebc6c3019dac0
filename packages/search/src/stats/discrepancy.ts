/**
 * L2-star discrepancy of points in the unit cube (Warnock's formula): the root mean square,
 * over boxes [0, x), of the difference between the share of points inside and the box's
 * volume. Lower means more uniformly spread; for n random points it shrinks like 1/√n, for a
 * Sobol sequence close to 1/n. O(n² d).
 */
export function l2StarDiscrepancy(points: readonly (readonly number[])[]): number {
  const n = points.length;
  if (n === 0) return Number.NaN;
  const d = points[0]!.length;
  let term2 = 0;
  for (const point of points) {
    let product = 1;
    for (const x of point) product *= (1 - x * x) / 2;
    term2 += product;
  }
  let term3 = 0;
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    for (let j = 0; j < n; j++) {
      const b = points[j]!;
      let product = 1;
      for (let k = 0; k < d; k++) product *= 1 - Math.max(a[k]!, b[k]!);
      term3 += product;
    }
  }
  return Math.sqrt(3 ** -d - (2 / n) * term2 + term3 / (n * n));
}
