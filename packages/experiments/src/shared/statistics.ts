/** Mean and population standard deviation, in float64. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n) };
}

/** Smallest and largest finite value ([NaN, NaN] when there is none). */
export function finiteExtent(values: ArrayLike<number>): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return low <= high ? [low, high] : [Number.NaN, Number.NaN];
}

/**
 * Counts of `values` in `bins` equal-width bins over [low, high] (the last bin includes
 * `high`); values outside the range or not finite are not counted. A zero-width range puts
 * everything equal to `low` in the first bin.
 */
export function histogram(
  values: ArrayLike<number>,
  low: number,
  high: number,
  bins: number,
): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (high - low) / bins;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!(value >= low && value <= high)) continue;
    const index = width > 0 ? Math.min(bins - 1, Math.floor((value - low) / width)) : 0;
    counts[index]!++;
  }
  return counts;
}

/** The median of the finite values (NaN when there is none). */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `count` numbers evenly spaced on a log scale from `first` to `last` (numpy's logspace). */
export function logSpace(first: number, last: number, count: number): number[] {
  if (count === 1) return [first];
  const a = Math.log10(first);
  const b = Math.log10(last);
  return Array.from({ length: count }, (_, i) => 10 ** (a + ((b - a) * i) / (count - 1)));
}

/** `count` numbers evenly spaced from `first` to `last` inclusive. */
export function linearSpace(first: number, last: number, count: number): number[] {
  if (count === 1) return [first];
  return Array.from({ length: count }, (_, i) => first + ((last - first) * i) / (count - 1));
}
