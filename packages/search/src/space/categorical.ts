import { describeValue, type Kind, type Registry } from '@fanin/core';
import { InvalidSpaceError } from '../errors.js';
import {
  type CategoricalChoice,
  checkUnit,
  Distribution,
  type DistributionJson,
} from './distribution.js';

function isChoice(value: unknown): value is CategoricalChoice {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * One of a list of choices, each equally likely: an activation name, an initializer, an
 * optimizer, a boolean switch. Choices are JSON primitives (registry entries are chosen by
 * name; put their options in separate parameters). Order matters only for Sobol and grid
 * coordinates: choice i covers unit coordinates [i/n, (i+1)/n).
 */
export class CategoricalDistribution<
  C extends CategoricalChoice = CategoricalChoice,
> extends Distribution<C> {
  readonly type = 'categorical' as const;
  readonly choices: readonly C[];

  constructor(choices: readonly C[], path = 'categorical') {
    super();
    if (!Array.isArray(choices))
      throw new InvalidSpaceError(path, `choices must be an array, got ${describeValue(choices)}`);
    if (choices.length === 0)
      throw new InvalidSpaceError(path, 'choices is empty', 'List at least one choice');
    const seen = new Set<string>();
    choices.forEach((choice, index) => {
      if (!isChoice(choice)) {
        throw new InvalidSpaceError(
          `${path}.choices[${index}]`,
          `must be a string, a finite number, a boolean or null, got ${describeValue(choice)}`,
        );
      }
      const key = JSON.stringify(choice);
      if (seen.has(key))
        throw new InvalidSpaceError(`${path}.choices[${index}]`, `${key} is listed twice`);
      seen.add(key);
    });
    this.choices = Object.freeze([...choices]);
  }

  fromUnit(u: number): C {
    const n = this.choices.length;
    return this.choices[Math.min(n - 1, Math.floor(checkUnit(u) * n))]!;
  }

  /** Index of a choice, or -1. */
  indexOf(value: unknown): number {
    return this.choices.indexOf(value as C);
  }

  contains(value: unknown): value is C {
    return this.indexOf(value) >= 0;
  }

  gridUnits(): number[] {
    const n = this.choices.length;
    return this.choices.map((_, i) => (i + 0.5) / n);
  }

  /** A categorical over a subset of the choices, in this one's order. */
  subset(keep: Iterable<unknown>): CategoricalDistribution<C> {
    const wanted = new Set(keep);
    return new CategoricalDistribution(this.choices.filter((choice) => wanted.has(choice)));
  }

  toJSON(): DistributionJson {
    return { type: this.type, choices: [...this.choices] };
  }

  toString(): string {
    return `categorical(${JSON.stringify(this.choices)})`;
  }
}

/** Options of {@link categorical.fromRegistry}. */
export interface FromRegistryOptions {
  /** Only these names (checked against the registry, so typos fail before the sweep starts). */
  readonly only?: readonly string[];
  /** Leave these names out. */
  readonly exclude?: readonly string[];
}

function categoricalOf<const C extends readonly CategoricalChoice[]>(
  choices: C,
): CategoricalDistribution<C[number]> {
  return new CategoricalDistribution<C[number]>(choices);
}

/**
 * The names of a registry's entries of one kind, as a categorical: every activation,
 * initializer, normalization or optimizer the registered plugins provide. With `only`, each
 * name is resolved through the registry (aliases become canonical names; an unknown name
 * fails with a did-you-mean).
 *
 * ```ts
 * categorical.fromRegistry(fanin, 'activation', { only: ['relu', 'tanh', 'elu'] })
 * ```
 */
function fromRegistry(
  registry: Registry,
  kind: Kind,
  options: FromRegistryOptions = {},
): CategoricalDistribution<string> {
  const names = options.only
    ? [...new Set(options.only.map((name) => registry.canonicalName(kind, name)))]
    : registry.list(kind).map((entry) => entry.name);
  const exclude = new Set(
    (options.exclude ?? []).map((name) => registry.canonicalName(kind, name)),
  );
  const choices = names.filter((name) => !exclude.has(name));
  if (choices.length === 0) {
    throw new InvalidSpaceError(
      `categorical.fromRegistry(${kind})`,
      `no ${kind} entries to choose from`,
      `Register a plugin that provides ${kind} entries, or check "only" and "exclude"`,
    );
  }
  return new CategoricalDistribution(choices);
}

/**
 * One of a list of choices, each equally likely. See {@link CategoricalDistribution};
 * `categorical.fromRegistry(registry, kind)` lists a registry's entry names.
 *
 * ```ts
 * categorical(['relu', 'tanh', 'elu'])
 * categorical.fromRegistry(fanin, 'initializer')
 * ```
 */
export const categorical = Object.assign(categoricalOf, { fromRegistry });
