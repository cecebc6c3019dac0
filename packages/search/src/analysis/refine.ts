import { FaninError } from '@fanin/core';
import { CategoricalDistribution } from '../space/categorical.js';
import { type Distribution, NumericDistribution } from '../space/distribution.js';
import { Pow10Distribution } from '../space/pow10.js';
import type { Space } from '../space/space.js';
import type { TrialRecord } from '../storage/storage.js';

/** Options of {@link refine}. */
export interface RefineOptions {
  /** Added on each side of the top trials' range, as a share of the old range (on its scale). Default 0.1. */
  readonly padding?: number;
  /** How far past the old edge a side moves when the best value sits at it, as a share of the old range. Default 0.5. */
  readonly widen?: number;
  /** Share of the range (on its scale) that counts as "at the edge". Default 0.05, as edgeWarnings. */
  readonly edge?: number;
  /** Hard limits in values that widening never crosses, e.g. `{ dropout: [0, 0.9] }`. */
  readonly limits?: Readonly<Record<string, readonly [number, number]>>;
  /** Keep only the categorical choices seen in the top trials. Default true. */
  readonly narrowCategorical?: boolean;
}

function roundDown(value: number, step: number): number {
  return Math.floor(value / step + 1e-9) * step;
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step - 1e-9) * step;
}

/** Rounds a positive value to 3 significant digits, downwards or upwards. */
function roundSignificant(value: number, up: boolean): number {
  const step = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Number((up ? roundUp(value, step) : roundDown(value, step)).toPrecision(3));
}

function refineNumeric(
  name: string,
  distribution: NumericDistribution,
  values: number[],
  bestValue: number,
  options: RefineOptions,
): NumericDistribution {
  const padding = options.padding ?? 0.1;
  const widen = options.widen ?? 0.5;
  const edge = options.edge ?? 0.05;
  const oldLow = distribution.toScale(distribution.min);
  const oldHigh = distribution.toScale(distribution.max);
  const width = oldHigh - oldLow;
  const coordinates = values.map((v) => distribution.toScale(v));
  let low = Math.max(oldLow, Math.min(...coordinates) - padding * width);
  let high = Math.min(oldHigh, Math.max(...coordinates) + padding * width);
  const bestPosition = distribution.position(bestValue);
  if (bestPosition <= edge) low = oldLow - widen * width;
  if (bestPosition >= 1 - edge) high = oldHigh + widen * width;
  if (high - low < 0.1 * width) {
    const middle = (low + high) / 2;
    low = middle - 0.05 * width;
    high = middle + 0.05 * width;
  }
  if (distribution instanceof Pow10Distribution) {
    low = Number(roundDown(low, 0.01).toFixed(2));
    high = Number(roundUp(high, 0.01).toFixed(2));
  }
  let min = distribution.fromScale(low);
  let max = distribution.fromScale(high);
  if (!(distribution instanceof Pow10Distribution) && !distribution.integer) {
    if (distribution.scale === 'log') {
      min = roundSignificant(min, false);
      max = roundSignificant(max, true);
    } else {
      const step = 10 ** (Math.floor(Math.log10(max - min)) - 2);
      min = Number(roundDown(min, step).toPrecision(12));
      max = Number(roundUp(max, step).toPrecision(12));
    }
  }
  const limit = options.limits?.[name];
  if (limit) {
    min = Math.max(min, limit[0]);
    max = Math.min(max, limit[1]);
    if (!(min < max)) {
      throw new FaninError(
        'INVALID_LIMITS',
        `refine: the limits [${limit[0]}, ${limit[1]}] of "${name}" leave no range around the top trials`,
      );
    }
  }
  return distribution.withBounds(min, max);
}

/**
 * The next stage's space, from the best trials of this one (`top`, best first): each
 * numeric range shrinks to the span of the top trials' values plus `padding` on each side,
 * computed on the distribution's own scale (decades for logUniform, pow10 and logInt, so a
 * learning rate narrows in log space), and never grows past the old range, except on a side
 * where the best value sits at the edge: there the range moves out by `widen` instead of
 * narrowing, since the optimum may lie beyond it. Categoricals keep the choices that appear
 * among the top trials; fixed parameters stay. Bounds are rounded outwards to 3 significant
 * digits (exponents to 0.01) so the next stage's space reads well.
 */
export function refine<S extends Space>(
  space: S,
  top: readonly TrialRecord[],
  options: RefineOptions = {},
): S {
  if (top.length === 0) {
    throw new FaninError(
      'NO_TRIALS',
      'refine needs at least one completed trial',
      'Run the stage first, or lower the number of top trials',
    );
  }
  const best = top[0]!;
  const refined: Record<string, Distribution> = {};
  for (const [name, distribution] of Object.entries(space)) {
    const values = top.map((trial) => trial.params[name]).filter((value) => value !== undefined);
    if (distribution instanceof NumericDistribution) {
      const numbers = values.filter((value): value is number => typeof value === 'number');
      const bestValue = best.params[name];
      refined[name] =
        numbers.length > 0 && typeof bestValue === 'number'
          ? refineNumeric(name, distribution, numbers, bestValue, options)
          : distribution;
    } else if (
      distribution instanceof CategoricalDistribution &&
      (options.narrowCategorical ?? true) &&
      values.length > 0
    ) {
      refined[name] = distribution.subset(values);
    } else {
      refined[name] = distribution;
    }
  }
  return Object.freeze(refined) as unknown as S;
}
