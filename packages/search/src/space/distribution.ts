import { describeValue } from '@fanin/core';
import { InvalidSpaceError } from '../errors.js';
import { formatNumber } from './format.js';

/** A categorical choice: any JSON primitive (registry names are strings). */
export type CategoricalChoice = string | number | boolean | null;

/** A parameter value as sampled: a number, or one of a categorical's choices. */
export type ParamValue = CategoricalChoice;

/** The scale a numeric distribution is uniform on. */
export type Scale = 'linear' | 'log';

/** The names of the distribution types, as written in JSON (`{ "type": "logUniform" }`). */
export const DISTRIBUTION_TYPES = [
  'uniform',
  'logUniform',
  'pow10',
  'int',
  'logInt',
  'categorical',
  'fixed',
] as const;
export type DistributionType = (typeof DISTRIBUTION_TYPES)[number];

/** The JSON form of a distribution: `{ "type": "logUniform", "low": 1e-6, "high": 1e-2 }`. */
export interface DistributionJson {
  readonly type: DistributionType;
  readonly [key: string]: unknown;
}

/**
 * A one-dimensional distribution that a parameter is drawn from. Every distribution maps a
 * unit number u in [0, 1) to a value by its inverse CDF (`fromUnit`), so any sampler that
 * produces unit coordinates (random, Sobol, grid) works with any space. `u = 1` is accepted
 * and gives the upper end.
 */
export abstract class Distribution<T extends ParamValue = ParamValue> {
  abstract readonly type: DistributionType;
  /** The value at unit coordinate u: the inverse CDF. */
  abstract fromUnit(u: number): T;
  /** Whether a value can come out of this distribution. */
  abstract contains(value: unknown): value is T;
  /**
   * Unit coordinates of a grid with about `points` values: both ends and evenly spaced
   * points (on the distribution's scale) for continuous ones, every value for small
   * discrete ones.
   */
  abstract gridUnits(points: number): number[];
  /** The JSON form, parseable by `parseDistribution`. */
  abstract toJSON(): DistributionJson;
  /** How it is written in code, e.g. `logUniform(1e-6, 0.01)`. */
  abstract toString(): string;
}

/**
 * A distribution over numbers between `min` and `max` (inclusive), uniform on a linear or a
 * log scale. Edge warnings, refinement and importance work on its scale (`toScale`), so a
 * learning rate's "5% from the edge" means 5% of its decades.
 */
export abstract class NumericDistribution extends Distribution<number> {
  abstract readonly scale: Scale;
  /** Smallest value (inclusive). */
  abstract readonly min: number;
  /** Largest value (inclusive). */
  abstract readonly max: number;
  /** Whether values are whole numbers. */
  abstract readonly integer: boolean;

  /** A value's coordinate on this distribution's scale (log10 of the value for log scales). */
  toScale(value: number): number {
    return this.scale === 'log' ? Math.log10(value) : value;
  }

  /** The inverse of `toScale`. */
  fromScale(coordinate: number): number {
    return this.scale === 'log' ? 10 ** coordinate : coordinate;
  }

  /** Where a value sits in the range on this scale: 0 at `min`, 1 at `max`. */
  position(value: number): number {
    const low = this.toScale(this.min);
    const high = this.toScale(this.max);
    return (this.toScale(value) - low) / (high - low);
  }

  /** The same kind of distribution over new value bounds (rounded to the kind's grid). */
  abstract withBounds(min: number, max: number): NumericDistribution;

  override contains(value: unknown): value is number {
    return (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= this.min &&
      value <= this.max &&
      (!this.integer || Number.isInteger(value))
    );
  }
}

/** Clamps u to [0, 1]; throws on anything that is not a number in that range. */
export function checkUnit(u: number): number {
  if (!(u >= 0 && u <= 1)) {
    throw new InvalidSpaceError(
      'unit coordinate',
      `must be a number in [0, 1], got ${describeValue(u)}`,
      'Samplers must produce unit coordinates',
    );
  }
  return u;
}

/** Checks that a bound is a finite number. */
export function requireFinite(path: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidSpaceError(
      path,
      `${name} must be a finite number, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** Checks that a bound is an integer. */
export function requireInteger(path: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidSpaceError(path, `${name} must be an integer, got ${describeValue(value)}`);
  }
  return value;
}

/** Checks low < high, the one rule every range shares. */
export function requireOrdered(path: string, low: number, high: number, hint?: string): void {
  if (!(low < high)) {
    const what = low === high ? 'the range is empty' : 'low must be less than high';
    throw new InvalidSpaceError(
      path,
      `${what} (low ${formatNumber(low)}, high ${formatNumber(high)})`,
      hint ?? 'Use fixed(value) for a constant',
    );
  }
}

/** Evenly spaced unit coordinates including both ends (one point: the middle). */
export function linspaceUnits(points: number): number[] {
  const count = Math.max(1, Math.floor(points));
  if (count === 1) return [0.5];
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}
