/** The median of a non-empty list (mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The arithmetic mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * The least-squares slope of y against x (units of y per unit of x); 0 when x does not vary.
 * Used to tell a memory leak (steady growth) from noise.
 */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new RangeError('slope: x and y differ in length');
  if (xs.length < 2) return 0;
  const mx = mean(xs);
  const my = mean(ys);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i++) {
    covariance += (xs[i]! - mx) * (ys[i]! - my);
    variance += (xs[i]! - mx) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}
