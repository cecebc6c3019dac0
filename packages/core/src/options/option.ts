import { InvalidOptionError } from '../errors.js';

/** A JSON Schema fragment (draft 2020-12), as produced by {@link toJsonSchema}. */
export type JsonSchema = { [key: string]: unknown };

/** Whether an option must be given, has a default, or may be left out entirely. */
export type Presence = 'required' | 'defaulted' | 'optional';

/**
 * The declaration of one option: its type, description and default, declared once and used
 * for validation, defaults, CLI flags, JSON Schema and the docs.
 */
export interface OptionSpec<T = unknown, P extends Presence = Presence> {
  readonly type: 'number' | 'integer' | 'boolean' | 'string' | 'enum' | 'array' | 'object';
  readonly description: string;
  readonly presence: P;
  readonly default: T | undefined;
  /** Validates and normalizes a present value; throws {@link InvalidOptionError} with the path. */
  parse(value: unknown, path: string, subject: string): T;
  /** The JSON Schema of a value of this option. */
  jsonSchema(): JsonSchema;
  /** A short human description of the accepted values, e.g. "a number >= 0". */
  readonly expected: string;
}

/** The options an entry declares, by name. */
// biome-ignore lint/suspicious/noExplicitAny: a shape holds specs of every value type.
export type OptionsShape = { readonly [name: string]: OptionSpec<any, Presence> };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The options an entry receives after validation: every defaulted option filled in. */
export type ResolvedOptions<S extends OptionsShape> = Simplify<{
  -readonly [K in keyof S]: S[K] extends OptionSpec<infer T, infer P>
    ? P extends 'optional'
      ? T | undefined
      : T
    : never;
}>;

type RequiredKeys<S extends OptionsShape> = {
  // biome-ignore lint/suspicious/noExplicitAny: matches a spec of any value type.
  [K in keyof S]: S[K] extends OptionSpec<any, 'required'> ? K : never;
}[keyof S];

/** The options a caller may pass: options with defaults (or optional ones) may be left out. */
export type InputOptions<S extends OptionsShape> = Simplify<
  { -readonly [K in RequiredKeys<S>]: S[K] extends OptionSpec<infer T, Presence> ? T : never } & {
    -readonly [K in Exclude<keyof S, RequiredKeys<S>>]?: S[K] extends OptionSpec<infer T, Presence>
      ? T
      : never;
  }
>;

interface Common<T> {
  description: string;
  default?: T;
  optional?: boolean;
}

type PresenceOf<I> = I extends { default: unknown }
  ? 'defaulted'
  : I extends { optional: true }
    ? 'optional'
    : 'required';

function spec<T, P extends Presence>(
  type: OptionSpec['type'],
  init: Common<T>,
  expected: string,
  check: (value: unknown) => value is T,
  schema: JsonSchema,
  normalize: (value: T) => T = (value) => value,
): OptionSpec<T, P> {
  const presence = (
    init.default !== undefined ? 'defaulted' : init.optional ? 'optional' : 'required'
  ) as P;
  const result: OptionSpec<T, P> = {
    type,
    description: init.description,
    presence,
    default: init.default,
    expected,
    parse(value, path, subject) {
      if (!check(value)) throw new InvalidOptionError(subject, path, expected, value);
      return normalize(value);
    },
    jsonSchema() {
      const out: JsonSchema = { ...schema, description: init.description };
      if (init.default !== undefined) out.default = init.default;
      return out;
    },
  };
  if (init.default !== undefined) result.parse(init.default, 'default', 'option declaration');
  return result;
}

interface NumberInit extends Common<number> {
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive lower bound (e.g. a std must be > 0). */
  greaterThan?: number;
  /** Exclusive upper bound. */
  lessThan?: number;
}

function numberBounds(init: NumberInit): {
  text: string;
  schema: JsonSchema;
  test: (n: number) => boolean;
} {
  const parts: string[] = [];
  const schema: JsonSchema = {};
  if (init.min !== undefined) {
    parts.push(`>= ${init.min}`);
    schema.minimum = init.min;
  }
  if (init.greaterThan !== undefined) {
    parts.push(`> ${init.greaterThan}`);
    schema.exclusiveMinimum = init.greaterThan;
  }
  if (init.max !== undefined) {
    parts.push(`<= ${init.max}`);
    schema.maximum = init.max;
  }
  if (init.lessThan !== undefined) {
    parts.push(`< ${init.lessThan}`);
    schema.exclusiveMaximum = init.lessThan;
  }
  const test = (n: number) =>
    (init.min === undefined || n >= init.min) &&
    (init.max === undefined || n <= init.max) &&
    (init.greaterThan === undefined || n > init.greaterThan) &&
    (init.lessThan === undefined || n < init.lessThan);
  return { text: parts.join(' and '), schema, test };
}

/** Builders for option declarations. */
export const option = {
  /** A finite number, optionally bounded. */
  number<const I extends NumberInit>(init: I): OptionSpec<number, PresenceOf<I>> {
    const bounds = numberBounds(init);
    const expected = bounds.text ? `a number ${bounds.text}` : 'a finite number';
    return spec<number, PresenceOf<I>>(
      'number',
      init,
      expected,
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && bounds.test(v),
      { type: 'number', ...bounds.schema },
    );
  },

  /** A whole number, optionally bounded. */
  integer<const I extends NumberInit>(init: I): OptionSpec<number, PresenceOf<I>> {
    const bounds = numberBounds(init);
    const expected = bounds.text ? `an integer ${bounds.text}` : 'an integer';
    return spec<number, PresenceOf<I>>(
      'integer',
      init,
      expected,
      (v): v is number => typeof v === 'number' && Number.isInteger(v) && bounds.test(v),
      { type: 'integer', ...bounds.schema },
    );
  },

  /** true or false. */
  boolean<const I extends Common<boolean>>(init: I): OptionSpec<boolean, PresenceOf<I>> {
    return spec<boolean, PresenceOf<I>>(
      'boolean',
      init,
      'true or false',
      (v): v is boolean => typeof v === 'boolean',
      { type: 'boolean' },
    );
  },

  /** Any string, optionally non-empty. */
  string<const I extends Common<string> & { nonEmpty?: boolean }>(
    init: I,
  ): OptionSpec<string, PresenceOf<I>> {
    return spec<string, PresenceOf<I>>(
      'string',
      init,
      init.nonEmpty ? 'a non-empty string' : 'a string',
      (v): v is string => typeof v === 'string' && (!init.nonEmpty || v.length > 0),
      init.nonEmpty ? { type: 'string', minLength: 1 } : { type: 'string' },
    );
  },

  /** One of a fixed set of strings. */
  enum<const V extends readonly string[], const I extends Common<V[number]>>(
    values: V,
    init: I,
  ): OptionSpec<V[number], PresenceOf<I>> {
    return spec<V[number], PresenceOf<I>>(
      'enum',
      init,
      `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      (v): v is V[number] => typeof v === 'string' && values.includes(v),
      { type: 'string', enum: [...values] },
    );
  },

  /** An array whose items all satisfy `item`, with optional length bounds. */
  array<T, const I extends Common<T[]> & { minItems?: number; maxItems?: number }>(
    item: OptionSpec<T, Presence>,
    init: I,
  ): OptionSpec<T[], PresenceOf<I>> {
    const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
    const lengthText =
      init.minItems !== undefined && init.maxItems !== undefined
        ? init.minItems === init.maxItems
          ? ` of ${items(init.minItems)}`
          : ` of ${init.minItems} to ${items(init.maxItems)}`
        : init.minItems !== undefined
          ? ` of at least ${items(init.minItems)}`
          : init.maxItems !== undefined
            ? ` of at most ${items(init.maxItems)}`
            : '';
    const expected = `an array${lengthText}, each ${item.expected}`;
    const result = spec<T[], PresenceOf<I>>(
      'array',
      init,
      expected,
      (v): v is T[] =>
        Array.isArray(v) &&
        (init.minItems === undefined || v.length >= init.minItems) &&
        (init.maxItems === undefined || v.length <= init.maxItems),
      {
        type: 'array',
        items: item.jsonSchema(),
        ...(init.minItems !== undefined ? { minItems: init.minItems } : {}),
        ...(init.maxItems !== undefined ? { maxItems: init.maxItems } : {}),
      },
    );
    return {
      ...result,
      parse(value, path, subject) {
        const array = result.parse(value, path, subject);
        return array.map((entry, index) => item.parse(entry, `${path}[${index}]`, subject));
      },
    };
  },

  /**
   * A whole number or a pair of them, `3` or `[3, 5]`, as PyTorch's conv options take a kernel
   * size or a stride for both spatial axes or for (height, width). The value is kept as given;
   * the layer expands a number to `[n, n]`. Its `type` is "object": the CLI reads `3` and
   * `[3,5]` as JSON.
   */
  integerOrPair<const I extends Common<number | readonly [number, number]> & { min?: number }>(
    init: I,
  ): OptionSpec<number | [number, number], PresenceOf<I>> {
    const bound = init.min !== undefined ? ` >= ${init.min}` : '';
    const isInteger = (v: unknown): v is number =>
      typeof v === 'number' && Number.isInteger(v) && (init.min === undefined || v >= init.min);
    const integer: JsonSchema = {
      type: 'integer',
      ...(init.min !== undefined ? { minimum: init.min } : {}),
    };
    return spec<number | [number, number], PresenceOf<I>>(
      'object',
      init as Common<number | [number, number]>,
      `an integer${bound} or a pair [height, width] of them`,
      (v): v is number | [number, number] =>
        isInteger(v) || (Array.isArray(v) && v.length === 2 && v.every(isInteger)),
      { oneOf: [integer, { type: 'array', items: integer, minItems: 2, maxItems: 2 }] },
      (v) => (Array.isArray(v) ? [v[0], v[1]] : v),
    );
  },

  /**
   * A JSON value checked by a custom predicate (for nested configs such as a registry
   * reference `"relu"` or `{ "type": "leakyRelu", "alpha": 0.1 }`).
   */
  custom<T, const I extends Common<T>>(
    init: I & { expected: string; schema: JsonSchema; check: (value: unknown) => value is T },
  ): OptionSpec<T, PresenceOf<I>> {
    return spec<T, PresenceOf<I>>('object', init, init.expected, init.check, init.schema);
  },
};
