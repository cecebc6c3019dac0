import { checkUnit, requireFinite, requireOrdered } from './distribution.js';
import { RangeDistribution } from './range-distribution.js';

/**
 * Ten to the power of a uniform exponent: x = 10 ** uniform(low, high). The classic way to
 * sample a learning rate (`10 ** uniform(-6, -2)`, cs231n) with the exponents written out.
 * Same distribution as `logUniform(10 ** low, 10 ** high)`; it stays in exponents when
 * serialized and refined, so a sweep file reads `{ "type": "pow10", "low": -6, "high": -2 }`.
 */
export class Pow10Distribution extends RangeDistribution {
  readonly type = 'pow10' as const;
  readonly scale = 'log' as const;
  readonly integer = false;
  /** Smallest exponent. */
  declare readonly low: number;
  /** Largest exponent. */
  declare readonly high: number;

  constructor(low: number, high: number, path = `pow10(${low}, ${high})`) {
    super(requireFinite(path, 'low', low), requireFinite(path, 'high', high));
    requireOrdered(path, low, high);
  }

  override get min(): number {
    return 10 ** this.low;
  }

  override get max(): number {
    return 10 ** this.high;
  }

  fromUnit(u: number): number {
    return 10 ** (this.low + checkUnit(u) * (this.high - this.low));
  }

  withBounds(min: number, max: number): Pow10Distribution {
    return new Pow10Distribution(Math.log10(min), Math.log10(max));
  }
}

/** `10 ** uniform(low, high)`: exponents in, values out. See {@link Pow10Distribution}. */
export function pow10(low: number, high: number): Pow10Distribution {
  return new Pow10Distribution(low, high);
}
