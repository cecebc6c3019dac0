import {
  closestMatch,
  describeValue,
  FaninError,
  InvalidOptionError,
  type Kind,
  type OptionSpec,
  type OptionsShape,
  option,
  type Registry,
  type ResolvedOptions,
} from '@fanin/core';

/** Joins a config path and a key: `training` + `epochs` → `training.epochs`. */
export function pathJoin(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A problem inside a config, with its path; the caller adds the file name. */
export class ConfigPathError extends FaninError {
  constructor(
    readonly path: string,
    message: string,
    hint?: string,
  ) {
    super('INVALID_CONFIG', path === '' ? message : `${path}: ${message}`, hint);
  }
}

/** Adds a path in front of a fanin error's message (keeping its class). */
export function prefixPath<E>(path: string, error: E): E {
  if (error instanceof FaninError && path !== '' && !error.message.startsWith(`${path}`))
    error.message = `${path}: ${error.message}`;
  return error;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A registry reference option (`"adam"` or `{ "type": "adam", "learningRate": 0.01 }`) checked against `registry`. */
export type ReferenceSpec = OptionSpec<string | Record<string, unknown>> & {
  readonly reference: Kind;
};

/**
 * Declares an option whose value names a registry entry: a name, or `{ "type": name,
 * ...options }`. Its JSON Schema is the registry's own schema for the kind, so editors list
 * the registered names and their options.
 */
export function referenceOption(
  registry: Registry,
  kind: Kind,
  init: { description: string; default?: string | Record<string, unknown>; optional?: boolean },
): ReferenceSpec {
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  const spec = option.custom({
    ...init,
    expected: `${article} ${kind} name or an object with "type" and its options`,
    schema: registry.configSchema(kind),
    check: (value: unknown): value is string | Record<string, unknown> =>
      (typeof value === 'string' && value.length > 0) ||
      (isObject(value) && typeof value.type === 'string'),
  } as never) as OptionSpec<string | Record<string, unknown>>;
  return {
    ...spec,
    reference: kind,
    // The shape first, then the registry: the name (with a did-you-mean) and its options.
    parse(value, path, subject) {
      const parsed = spec.parse(value, path, subject);
      registry.validate(kind, parsed as never);
      return parsed;
    },
  };
}

/**
 * Validates a config section against an options shape, with config paths in messages:
 * `training.epochs: must be an integer >= 1, got 0`, `training: unknown key "epoch". Did
 * you mean "epochs"?`. Registry references are checked against the registry (name with
 * did-you-mean, options). Defaults are filled in.
 */
export function resolveSection<S extends OptionsShape>(
  shape: S,
  value: unknown,
  path: string,
  ignore: readonly string[] = ['$schema'],
): ResolvedOptions<S> {
  if (!isObject(value))
    throw new ConfigPathError(path, `must be an object, got ${describeValue(value)}`);
  const known = Object.keys(shape);
  for (const key of Object.keys(value)) {
    if (key in shape || ignore.includes(key)) continue;
    const suggestion = closestMatch(key, known);
    throw new ConfigPathError(
      path,
      `unknown key "${key}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Allowed: ${known.join(', ')}`,
    );
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(shape)) {
    const given = value[key];
    const where = pathJoin(path, key);
    if (given === undefined) {
      if (spec.presence === 'required')
        throw new ConfigPathError(
          path,
          `needs "${key}" (${spec.description.charAt(0).toLowerCase()}${spec.description.slice(1)})`,
        );
      out[key] = spec.default;
      continue;
    }
    out[key] = resolveValue(spec, given, where);
  }
  return out as ResolvedOptions<S>;
}

/** Validates one value with its declaration (registry references check the registry too). */
export function resolveValue(spec: OptionSpec, value: unknown, path: string): unknown {
  let parsed: unknown;
  try {
    parsed = spec.parse(value, path, path);
  } catch (error) {
    if (error instanceof InvalidOptionError && error.subject === path)
      throw new ConfigPathError(
        error.path,
        `must be ${error.expected}, got ${describeValue(error.received)}`,
      );
    throw prefixPath(path, error);
  }
  return parsed;
}
