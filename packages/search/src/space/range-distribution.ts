import { type DistributionJson, linspaceUnits, NumericDistribution } from './distribution.js';
import { formatNumber } from './format.js';

/**
 * A numeric distribution given by two bounds, `low` < `high` (uniform, logUniform, pow10,
 * int, logInt). Subclasses check the bounds before passing them on. By default the bounds
 * are the smallest and largest values (pow10's are exponents and it says so), the grid is
 * evenly spaced on the distribution's scale, and the JSON and code forms are
 * `{ type, low, high }` and `type(low, high)`.
 */
export abstract class RangeDistribution extends NumericDistribution {
  readonly low: number;
  readonly high: number;

  constructor(low: number, high: number) {
    super();
    this.low = low;
    this.high = high;
  }

  get min(): number {
    return this.low;
  }

  get max(): number {
    return this.high;
  }

  gridUnits(points: number): number[] {
    return linspaceUnits(points);
  }

  toJSON(): DistributionJson {
    return { type: this.type, low: this.low, high: this.high };
  }

  /** `type(low, high)`; integer distributions write their bounds in full. */
  toString(): string {
    const format = this.integer ? String : formatNumber;
    return `${this.type}(${format(this.low)}, ${format(this.high)})`;
  }
}
