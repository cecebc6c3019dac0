import { checkUnit, requireFinite, requireOrdered } from './distribution.js';
import { RangeDistribution } from './range-distribution.js';

/**
 * Uniform on [low, high] in linear scale: x = low + u (high - low). For quantities whose
 * effect is additive (dropout rate, momentum, a mixing weight). For a learning rate or a
 * weight decay use `logUniform` or `pow10`: a linear range over several decades spends
 * nearly all its samples in the top one.
 */
export class UniformDistribution extends RangeDistribution {
  readonly type = 'uniform' as const;
  readonly scale = 'linear' as const;
  readonly integer = false;

  constructor(low: number, high: number, path = `uniform(${low}, ${high})`) {
    super(requireFinite(path, 'low', low), requireFinite(path, 'high', high));
    requireOrdered(path, low, high);
  }

  fromUnit(u: number): number {
    const x = this.low + checkUnit(u) * (this.high - this.low);
    return Math.min(this.high, Math.max(this.low, x));
  }

  withBounds(min: number, max: number): UniformDistribution {
    return new UniformDistribution(min, max);
  }
}

/** Uniform on [low, high] in linear scale. See {@link UniformDistribution}. */
export function uniform(low: number, high: number): UniformDistribution {
  return new UniformDistribution(low, high);
}
