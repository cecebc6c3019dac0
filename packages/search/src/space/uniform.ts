import {
  checkUnit,
  type DistributionJson,
  linspaceUnits,
  NumericDistribution,
  requireFinite,
  requireOrdered,
} from './distribution.js';
import { formatNumber } from './format.js';

/**
 * Uniform on [low, high] in linear scale: x = low + u (high - low). For quantities whose
 * effect is additive (dropout rate, momentum, a mixing weight). For a learning rate or a
 * weight decay use `logUniform` or `pow10`: a linear range over several decades spends
 * nearly all its samples in the top one.
 */
export class UniformDistribution extends NumericDistribution {
  readonly type = 'uniform' as const;
  readonly scale = 'linear' as const;
  readonly integer = false;
  readonly low: number;
  readonly high: number;

  constructor(low: number, high: number, path = `uniform(${low}, ${high})`) {
    super();
    this.low = requireFinite(path, 'low', low);
    this.high = requireFinite(path, 'high', high);
    requireOrdered(path, low, high);
  }

  get min(): number {
    return this.low;
  }

  get max(): number {
    return this.high;
  }

  fromUnit(u: number): number {
    const x = this.low + checkUnit(u) * (this.high - this.low);
    return Math.min(this.high, Math.max(this.low, x));
  }

  gridUnits(points: number): number[] {
    return linspaceUnits(points);
  }

  withBounds(min: number, max: number): UniformDistribution {
    return new UniformDistribution(min, max);
  }

  toJSON(): DistributionJson {
    return { type: this.type, low: this.low, high: this.high };
  }

  toString(): string {
    return `uniform(${formatNumber(this.low)}, ${formatNumber(this.high)})`;
  }
}

/** Uniform on [low, high] in linear scale. See {@link UniformDistribution}. */
export function uniform(low: number, high: number): UniformDistribution {
  return new UniformDistribution(low, high);
}
