import { InvalidSpaceError } from '../errors.js';
import { checkUnit, requireInteger, requireOrdered } from './distribution.js';
import { RangeDistribution } from './range-distribution.js';

/**
 * An integer in [low, high] whose logarithm is roughly uniform, e.g. a layer width from 16
 * to 1024 or a batch size: as many samples between 16 and 32 as between 512 and 1024.
 * Exactly: x = floor(exp(uniform(log low, log(high + 1)))), so P(k) is proportional to
 * log((k + 1) / k) and every integer in the range can come out. low must be >= 1.
 */
export class LogIntDistribution extends RangeDistribution {
  readonly type = 'logInt' as const;
  readonly scale = 'log' as const;
  readonly integer = true;

  constructor(low: number, high: number, path = `logInt(${low}, ${high})`) {
    super(requireInteger(path, 'low', low), requireInteger(path, 'high', high));
    if (low < 1)
      throw new InvalidSpaceError(
        path,
        `low must be >= 1 for a log scale, got ${low}`,
        'Use int(low, high) for ranges that include 0',
      );
    requireOrdered(path, low, high);
  }

  fromUnit(u: number): number {
    const logLow = Math.log(this.low);
    const x = Math.floor(Math.exp(logLow + checkUnit(u) * (Math.log(this.high + 1) - logLow)));
    return Math.min(this.high, Math.max(this.low, x));
  }

  /** The unit coordinate in the middle of value k's share of [0, 1]. */
  unitOf(value: number): number {
    const logLow = Math.log(this.low);
    const mid = (Math.log(value) + Math.log(value + 1)) / 2;
    return (mid - logLow) / (Math.log(this.high + 1) - logLow);
  }

  override gridUnits(points: number): number[] {
    const n = this.high - this.low + 1;
    const count = Math.max(1, Math.floor(points));
    let values: number[];
    if (n <= count) {
      values = Array.from({ length: n }, (_, i) => this.low + i);
    } else {
      const logLow = Math.log(this.low);
      const logHigh = Math.log(this.high);
      const positions =
        count === 1 ? [0.5] : Array.from({ length: count }, (_, i) => i / (count - 1));
      values = [
        ...new Set(positions.map((p) => Math.round(Math.exp(logLow + p * (logHigh - logLow))))),
      ];
    }
    return values.map((value) => this.unitOf(value));
  }

  withBounds(min: number, max: number): LogIntDistribution {
    const low = Math.max(1, Math.floor(min));
    let high = Math.ceil(max);
    if (high <= low) high = low + 1;
    return new LogIntDistribution(low, high);
  }
}

/** An integer in [low, high], log-uniform (widths, batch sizes). See {@link LogIntDistribution}. */
export function logInt(low: number, high: number): LogIntDistribution {
  return new LogIntDistribution(low, high);
}
