import { InvalidSpaceError } from '../errors.js';
import {
  checkUnit,
  type DistributionJson,
  requireInteger,
  requireOrdered,
} from './distribution.js';
import { RangeDistribution } from './range-distribution.js';

/**
 * A uniformly chosen integer from low, low + step, ..., high (both ends included), e.g. the
 * number of layers. `(high - low)` must be a multiple of `step` (Optuna silently lowers
 * `high` instead; here it is an error so the range you read is the range you get).
 */
export class IntDistribution extends RangeDistribution {
  readonly type = 'int' as const;
  readonly scale = 'linear' as const;
  readonly integer = true;
  readonly step: number;

  constructor(low: number, high: number, step = 1, path = `int(${low}, ${high})`) {
    super(requireInteger(path, 'low', low), requireInteger(path, 'high', high));
    this.step = requireInteger(path, 'step', step);
    requireOrdered(path, low, high);
    if (step < 1) throw new InvalidSpaceError(path, `step must be >= 1, got ${step}`);
    if ((high - low) % step !== 0) {
      throw new InvalidSpaceError(
        path,
        `high - low (${high - low}) must be a multiple of step ${step}`,
        `Use high ${low + Math.floor((high - low) / step) * step} or ${low + Math.ceil((high - low) / step) * step}`,
      );
    }
  }

  /** Number of values. */
  get size(): number {
    return (this.high - this.low) / this.step + 1;
  }

  fromUnit(u: number): number {
    const n = this.size;
    return this.low + this.step * Math.min(n - 1, Math.floor(checkUnit(u) * n));
  }

  override gridUnits(points: number): number[] {
    const n = this.size;
    const count = Math.max(1, Math.floor(points));
    const indices =
      n <= count
        ? Array.from({ length: n }, (_, i) => i)
        : [
            ...new Set(
              Array.from({ length: count }, (_, i) =>
                Math.round(count === 1 ? (n - 1) / 2 : (i * (n - 1)) / (count - 1)),
              ),
            ),
          ];
    return indices.map((i) => (i + 0.5) / n);
  }

  override contains(value: unknown): value is number {
    return super.contains(value) && (value - this.low) % this.step === 0;
  }

  withBounds(min: number, max: number): IntDistribution {
    let low = this.low + this.step * Math.floor((min - this.low) / this.step);
    let high = this.low + this.step * Math.ceil((max - this.low) / this.step);
    if (high <= low) high = low + this.step;
    if (!Number.isFinite(low)) low = this.low;
    return new IntDistribution(low, high, this.step);
  }

  override toJSON(): DistributionJson {
    return this.step === 1 ? super.toJSON() : { ...super.toJSON(), step: this.step };
  }

  override toString(): string {
    return this.step === 1
      ? super.toString()
      : `int(${this.low}, ${this.high}, { step: ${this.step} })`;
  }
}

/** A uniform integer in [low, high], optionally on a step grid. See {@link IntDistribution}. */
export function int(low: number, high: number, options: { step?: number } = {}): IntDistribution {
  return new IntDistribution(low, high, options.step ?? 1);
}
