import { FaninError, InvalidOptionError } from '../errors.js';
import { closestMatch } from '../registry/suggest.js';
import type { InputOptions, JsonSchema, OptionsShape, ResolvedOptions } from './option.js';

/**
 * Validates `input` against `shape` and fills in defaults. `subject` names what is being
 * configured in error messages, e.g. `activation "leakyRelu"`. Unknown keys are errors
 * (with a did-you-mean), so a typo never silently falls back to a default.
 */
export function resolveOptions<S extends OptionsShape>(
  shape: S,
  input: InputOptions<S> | Record<string, unknown> | undefined,
  subject: string,
): ResolvedOptions<S> {
  if (
    input !== undefined &&
    (input === null || typeof input !== 'object' || Array.isArray(input))
  ) {
    throw new InvalidOptionError(subject, '(options)', 'an object of options', input);
  }
  const given = (input ?? {}) as Record<string, unknown>;
  const known = Object.keys(shape);
  for (const key of Object.keys(given)) {
    if (!(key in shape)) {
      const suggestion = closestMatch(key, known);
      const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
      const list = known.length > 0 ? `Known options: ${known.join(', ')}` : 'It takes no options';
      throw new FaninError('UNKNOWN_OPTION', `${subject}: unknown option "${key}".${did} ${list}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(shape)) {
    const value = given[key];
    if (value === undefined) {
      if (spec.presence === 'required') {
        throw new InvalidOptionError(subject, key, `${spec.expected} (it is required)`, undefined);
      }
      out[key] = spec.default;
    } else {
      out[key] = spec.parse(value, key, subject);
    }
  }
  return out as ResolvedOptions<S>;
}

/** The JSON Schema (draft 2020-12) of an options object, for config files, editors and docs. */
export function optionsJsonSchema(shape: OptionsShape): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, spec] of Object.entries(shape)) {
    properties[key] = spec.jsonSchema();
    if (spec.presence === 'required') required.push(key);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
