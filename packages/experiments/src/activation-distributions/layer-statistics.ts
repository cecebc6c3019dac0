import { jsonNumber } from '../shared/plot.js';
import { finiteExtent, meanAndStd } from '../shared/statistics.js';

/**
 * Where an activation saturates: within `margin` of either end of its output range. Only
 * defined for bounded activations (both ends of the range finite: sigmoid, tanh, softsign,
 * hardSigmoid, relu6, step...), whose gradient vanishes towards those ends; for the others
 * (relu, elu, gelu...) the flat region is measured by the dead share instead.
 */
export interface SaturationBand {
  readonly low: number;
  readonly high: number;
  readonly margin: number;
}

/** The saturation band of an activation's metadata range, if it is bounded. */
export function saturationBand(
  range: readonly [number, number] | undefined,
  margin: number,
): SaturationBand | undefined {
  if (!range) return undefined;
  const [low, high] = range;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined;
  return { low, high, margin };
}

/** Statistics of one layer's activations over every sample and unit. */
export interface LayerStatistics {
  /** 1-based, as in the classic plots ("1-layer" ... "5-layer"). */
  readonly layer: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /**
   * Share of values within `margin` of an end of a bounded activation's range (sigmoid:
   * a < 0.01 or a > 0.99; tanh: |a| > 0.99); null for unbounded activations.
   */
  readonly shareSaturated: number | null;
  /** Share of values exactly 0 (the flat side of relu-like activations). */
  readonly shareDead: number;
  /** Share of units that are exactly 0 for every sample (dead units). */
  readonly deadUnits: number;
  /** Share of values that are NaN or infinite (an exploding network). */
  readonly shareNonFinite: number;
}

/**
 * Computes {@link LayerStatistics} of activations laid out [samples, units] (row major).
 * Mean and std are over the finite values, in float64.
 */
export function layerStatistics(
  layer: number,
  values: Float32Array,
  units: number,
  band: SaturationBand | undefined,
): LayerStatistics {
  const samples = values.length / units;
  let saturated = 0;
  let zeros = 0;
  let nonFinite = 0;
  const alive = new Uint8Array(units);
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      nonFinite++;
      alive[i % units] = 1;
      continue;
    }
    finite.push(value);
    if (value === 0) zeros++;
    else alive[i % units] = 1;
    if (band && (value < band.low + band.margin || value > band.high - band.margin)) saturated++;
  }
  let dead = 0;
  for (let unit = 0; unit < units; unit++) if (alive[unit] === 0) dead++;
  const { mean, std } = meanAndStd(finite);
  const [min, max] = finiteExtent(finite);
  const total = samples * units;
  return {
    layer,
    mean: jsonNumber(mean),
    std: jsonNumber(std),
    min: jsonNumber(min),
    max: jsonNumber(max),
    shareSaturated: band ? saturated / total : null,
    shareDead: zeros / total,
    deadUnits: dead / units,
    shareNonFinite: nonFinite / total,
  };
}
