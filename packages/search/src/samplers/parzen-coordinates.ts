import { CategoricalDistribution } from '../space/categorical.js';
import type { Distribution } from '../space/distribution.js';
import { NumericDistribution } from '../space/distribution.js';
import { IntDistribution } from '../space/int.js';
import { LogIntDistribution } from '../space/log-int.js';
import type { ParzenDimension } from './parzen-estimator.js';

/**
 * How the TPE sampler sees one parameter: the coordinate its Parzen estimators model, how a
 * stored value maps to it, and how a chosen coordinate maps back to the unit coordinate the
 * space turns into the value.
 */
export interface ParzenCoordinates {
  readonly dimension: ParzenDimension;
  /** The coordinate of a stored value, or undefined when the value is not in the space. */
  toCoordinate(value: unknown): number | undefined;
  /** The coordinate a drawn one stands for (logInt: the log of the rounded integer). */
  snap(coordinate: number): number;
  /** The unit coordinate whose value is this coordinate's. */
  toUnit(coordinate: number): number;
}

/**
 * The coordinates of a distribution, each on the distribution's own scale: continuous
 * ranges (uniform, logUniform, pow10) as the position in [0, 1] on their scale (so log
 * ranges are modelled in log space, as Optuna does); int(low, high, { step }) as the index
 * of the value on its grid; logInt as the natural log of the value, on [ln(low − ½),
 * ln(high + ½)], rounded to an integer (Optuna's log-int rule); categoricals by choice
 * index. Fixed parameters have none.
 */
export function parzenCoordinates(distribution: Distribution): ParzenCoordinates | undefined {
  if (distribution instanceof CategoricalDistribution) {
    const size = distribution.choices.length;
    return {
      dimension: { kind: 'categorical', size },
      toCoordinate: (value) => {
        const index = distribution.indexOf(value);
        return index < 0 ? undefined : index;
      },
      snap: (index) => index,
      toUnit: (index) => (index + 0.5) / size,
    };
  }
  if (distribution instanceof IntDistribution) {
    const { low, step, size } = distribution;
    return {
      dimension: { kind: 'numeric', low: 0, high: size - 1, step: 1 },
      toCoordinate: (value) => (distribution.contains(value) ? (value - low) / step : undefined),
      snap: (index) => index,
      toUnit: (index) => (index + 0.5) / size,
    };
  }
  if (distribution instanceof LogIntDistribution) {
    const { low, high } = distribution;
    const round = (coordinate: number) =>
      Math.min(high, Math.max(low, Math.round(Math.exp(coordinate))));
    return {
      dimension: { kind: 'numeric', low: Math.log(low - 0.5), high: Math.log(high + 0.5), step: 0 },
      toCoordinate: (value) => (distribution.contains(value) ? Math.log(value) : undefined),
      snap: (coordinate) => Math.log(round(coordinate)),
      toUnit: (coordinate) => distribution.unitOf(round(coordinate)),
    };
  }
  if (distribution instanceof NumericDistribution && !distribution.integer) {
    return {
      dimension: { kind: 'numeric', low: 0, high: 1, step: 0 },
      toCoordinate: (value) =>
        distribution.contains(value)
          ? Math.min(1, Math.max(0, distribution.position(value)))
          : undefined,
      snap: (position) => position,
      toUnit: (position) => Math.min(1, Math.max(0, position)),
    };
  }
  return undefined;
}
