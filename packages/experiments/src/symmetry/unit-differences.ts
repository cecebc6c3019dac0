import type { Tensor } from '@fanin/core';

/** How alike the units of one dense layer are. */
export interface UnitDifferences {
  /**
   * The largest difference between two units' incoming weight vectors (kernel column and
   * bias), max over unit pairs of the L∞ distance: 0 exactly when every unit is identical.
   */
  readonly maxDifference: number;
  /** Number of distinct incoming weight vectors (bitwise): 1 when all units are identical. */
  readonly distinctUnits: number;
}

/**
 * Compares the units of a dense layer with kernel [inputs, units] and optional bias
 * [units]. Unit j's incoming vector is kernel column j followed by bias j. The max pairwise
 * L∞ distance equals the largest spread (max − min over units) of any row.
 */
export function unitDifferences(kernel: Tensor, bias: Tensor | undefined): UnitDifferences {
  const [inputs, units] = kernel.shape as [number, number];
  const weights = kernel.dataSync();
  const biases = bias?.dataSync();
  const rows = inputs + (biases ? 1 : 0);
  const value = (row: number, unit: number) =>
    row < inputs ? weights[row * units + unit]! : biases![unit]!;
  let maxDifference = 0;
  for (let row = 0; row < rows; row++) {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let unit = 0; unit < units; unit++) {
      const v = value(row, unit);
      if (v < low) low = v;
      if (v > high) high = v;
    }
    maxDifference = Math.max(maxDifference, high - low);
  }
  const vectors = new Set<string>();
  for (let unit = 0; unit < units; unit++) {
    const vector: number[] = [];
    for (let row = 0; row < rows; row++) vector.push(value(row, unit));
    vectors.add(vector.join(','));
  }
  return { maxDifference, distinctUnits: vectors.size };
}
