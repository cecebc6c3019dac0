import { closestMatch, describeValue } from '@fanin/core';
import { InvalidSpaceError } from '../errors.js';
import {
  DISTRIBUTION_TYPES,
  type Distribution,
  type DistributionJson,
  type DistributionType,
  type ParamValue,
} from './distribution.js';
import { DISTRIBUTION_FORMS } from './distribution-forms.js';

/**
 * A search space: a distribution per parameter name. Plain data, JSON-serializable with
 * `spaceToJSON` and back with `parseSpace`. The key order is the dimension order used by
 * the Sobol and grid samplers.
 *
 * ```ts
 * const space = {
 *   learningRate: logUniform(1e-5, 1e-1),
 *   weightDecay: pow10(-8, -3),
 *   activation: categorical(['relu', 'tanh', 'elu']),
 * } satisfies Space;
 * ```
 */
export type Space = { readonly [name: string]: Distribution };

/** The value type a distribution produces. */
export type ValueOfDistribution<D> = D extends Distribution<infer T> ? T : never;

/** The parameters a trial receives for a space: `{ learningRate: number, activation: 'relu' | ... }`. */
export type ParamsOf<S extends Space> = { -readonly [K in keyof S]: ValueOfDistribution<S[K]> };

/** Parameters by name, when the space is not known statically. */
export type Params = Record<string, ParamValue>;

/** The JSON form of a space. */
export type SpaceJson = { readonly [name: string]: DistributionJson };

/**
 * Parses a distribution from JSON, naming the path of any problem:
 * `space.learningRate: logUniform: low must be > 0 ...`, `space.width: unknown type "logint".
 * Did you mean "logInt"?`.
 */
export function parseDistribution(json: unknown, path = 'distribution'): Distribution {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InvalidSpaceError(
      path,
      `must be an object such as { "type": "logUniform", "low": 1e-6, "high": 1e-2 }, got ${describeValue(json)}`,
    );
  }
  const record = json as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !(DISTRIBUTION_TYPES as readonly string[]).includes(type)) {
    const suggestion =
      typeof type === 'string' ? closestMatch(type, DISTRIBUTION_TYPES) : undefined;
    const what =
      type === undefined
        ? 'has no "type"'
        : `unknown type ${describeValue(type)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
    throw new InvalidSpaceError(path, `${what} Types: ${DISTRIBUTION_TYPES.join(', ')}`);
  }
  const form = DISTRIBUTION_FORMS[type as DistributionType];
  const known = Object.keys(form.options);
  for (const key of Object.keys(record)) {
    if (key === 'type' || known.includes(key)) continue;
    const suggestion = closestMatch(key, known);
    throw new InvalidSpaceError(
      path,
      `unknown key "${key}" for ${type}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Keys: type, ${known.join(', ')}`,
    );
  }
  for (const [key, spec] of Object.entries(form.options)) {
    if (spec.presence === 'required' && !(key in record))
      throw new InvalidSpaceError(path, `${type} needs "${key}"`);
  }
  return form.create(record, path);
}

/** The parameters of a space given as JSON or in code; throws unless it is a non-empty object. */
function spaceEntries(space: unknown, path: string): [string, unknown][] {
  if (space === null || typeof space !== 'object' || Array.isArray(space)) {
    throw new InvalidSpaceError(
      path,
      `must be an object of distributions by parameter name, got ${describeValue(space)}`,
    );
  }
  const entries = Object.entries(space as Record<string, unknown>);
  if (entries.length === 0)
    throw new InvalidSpaceError(path, 'has no parameters', 'Add at least one distribution');
  return entries;
}

/** Parses a space from JSON (`{ "lr": { "type": "pow10", "low": -6, "high": -2 }, ... }`). */
export function parseSpace(json: unknown, path = 'space'): Space {
  const space: Record<string, Distribution> = {};
  for (const [name, value] of spaceEntries(json, path))
    space[name] = parseDistribution(value, `${path}.${name}`);
  return Object.freeze(space);
}

/** Checks a space given in code: a non-empty object of distributions. */
export function checkSpace(space: unknown, path = 'space'): Space {
  for (const [name, value] of spaceEntries(space, path)) {
    if (name.length === 0) throw new InvalidSpaceError(path, 'a parameter name is empty');
    if (
      !(
        value &&
        typeof value === 'object' &&
        typeof (value as Distribution).fromUnit === 'function'
      )
    ) {
      throw new InvalidSpaceError(
        `${path}.${name}`,
        `must be a distribution such as logUniform(1e-6, 1e-2), got ${describeValue(value)}`,
      );
    }
  }
  return space as Space;
}

/** The JSON form of a space. */
export function spaceToJSON(space: Space): SpaceJson {
  return Object.fromEntries(
    Object.entries(space).map(([name, distribution]) => [name, distribution.toJSON()]),
  );
}

/** Parameter names in dimension order. */
export function dimensions(space: Space): string[] {
  return Object.keys(space);
}

/** Maps unit coordinates (one per parameter) to parameter values. */
export function paramsFromUnits<S extends Space>(
  space: S,
  units: Readonly<Record<string, number>>,
): ParamsOf<S> {
  const params: Record<string, ParamValue> = {};
  for (const [name, distribution] of Object.entries(space)) {
    const u = units[name];
    if (u === undefined)
      throw new InvalidSpaceError(
        `space.${name}`,
        'the sampler gave no coordinate for this parameter',
      );
    params[name] = distribution.fromUnit(u);
  }
  return params as ParamsOf<S>;
}

/** A one-line description: `learningRate ~ logUniform(1e-6, 0.01), activation ~ categorical([...])`. */
export function describeSpace(space: Space): string {
  return Object.entries(space)
    .map(([name, distribution]) => `${name} ~ ${distribution.toString()}`)
    .join(', ');
}
