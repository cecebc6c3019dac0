import { describeValue } from '@fanin/core';
import { InvalidSpaceError } from '../errors.js';
import {
  type CategoricalChoice,
  checkUnit,
  Distribution,
  type DistributionJson,
} from './distribution.js';

/**
 * A constant: every trial gets `value`. Keeps a setting visible in the space, the journal
 * and the exported table without searching it (for example the epochs of a stage, or an
 * optimizer fixed after the coarse stage).
 */
export class FixedDistribution<
  V extends CategoricalChoice = CategoricalChoice,
> extends Distribution<V> {
  readonly type = 'fixed' as const;
  readonly value: V;

  constructor(value: V, path = 'fixed') {
    super();
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!ok)
      throw new InvalidSpaceError(
        path,
        `value must be a string, a finite number, a boolean or null, got ${describeValue(value)}`,
      );
    this.value = value;
  }

  fromUnit(u: number): V {
    checkUnit(u);
    return this.value;
  }

  contains(value: unknown): value is V {
    return value === this.value;
  }

  gridUnits(): number[] {
    return [0.5];
  }

  toJSON(): DistributionJson {
    return { type: this.type, value: this.value };
  }

  toString(): string {
    return `fixed(${JSON.stringify(this.value)})`;
  }
}

/** A constant parameter. See {@link FixedDistribution}. */
export function fixed<const V extends CategoricalChoice>(value: V): FixedDistribution<V> {
  return new FixedDistribution(value);
}
