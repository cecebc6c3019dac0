import { type EntryConfig, type ModelConfig, option } from '@fanin/core';

/** A registry reference: a name, or `{ "type": name, ...options }`. */
export function isEntryReference(value: unknown): value is EntryConfig {
  if (typeof value === 'string') return value.length > 0;
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

const referenceSchema = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
  ],
};

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/**
 * An option naming one registry entry of `kind`, with a default: `"relu"` or
 * `{ "type": "leakyRelu", "alpha": 0.1 }`. The shape is checked here, the name and options by
 * the registry when the experiment creates the entry.
 */
export function referenceOption(kind: string, init: { description: string; default: EntryConfig }) {
  return option.custom<EntryConfig, { description: string; default: EntryConfig }>({
    description: init.description,
    default: init.default,
    expected: `${article(kind)} ${kind} name or an object with "type"`,
    schema: referenceSchema,
    check: isEntryReference,
  });
}

/** An option holding a non-empty list of registry references of `kind`. */
export function referenceListOption(
  kind: string,
  init: { description: string; default: EntryConfig[] },
) {
  const item = option.custom<EntryConfig, { description: string }>({
    description: `${article(kind)} ${kind} name or { "type": name, ...options }`,
    expected: `${kind} name or object with "type"`,
    schema: referenceSchema,
    check: isEntryReference,
  });
  return option.array(item, { description: init.description, default: init.default, minItems: 1 });
}

/** A model config for core's `buildModel`, whose `inputShape` may be left to the dataset. */
export type ExperimentModelConfig = Omit<ModelConfig, 'inputShape'> & {
  readonly inputShape?: readonly number[];
};

function isModelConfig(value: unknown): value is ExperimentModelConfig {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Array.isArray((value as { layers?: unknown }).layers)
  );
}

/**
 * An option holding a model config (core's `buildModel` format: `{ "layers": [...] }`).
 * `inputShape` defaults to the dataset's number of features; the layers are validated
 * against the registry when the experiment builds the model, with the path of any mistake.
 */
export function modelOption(init: { description: string; default: ExperimentModelConfig }) {
  return option.custom<
    ExperimentModelConfig,
    { description: string; default: ExperimentModelConfig }
  >({
    description: init.description,
    default: init.default,
    expected: 'a model config { "layers": [...] } (inputShape defaults to the dataset features)',
    schema: {
      type: 'object',
      required: ['layers'],
      properties: {
        inputShape: { type: 'array', items: { type: 'integer', minimum: 1 } },
        seed: { type: 'integer', minimum: 0 },
        layers: { type: 'array', items: { type: 'object' } },
      },
    },
    check: isModelConfig,
  });
}

/** An option holding `[low, high]` exponents of ten: the range of `10 ** uniform(low, high)`. */
export function exponentRangeOption(init: { description: string; default: [number, number] }) {
  return option.custom<[number, number], { description: string; default: [number, number] }>({
    description: init.description,
    default: init.default,
    expected: 'two exponents [low, high] with low < high',
    schema: {
      type: 'array',
      items: { type: 'number' },
      minItems: 2,
      maxItems: 2,
    },
    check: (value): value is [number, number] =>
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      (value[0] as number) < (value[1] as number),
  });
}

/** The label of a registry reference in tables and plots: `relu`, `normal(std=0.01)`. */
export function referenceLabel(reference: EntryConfig): string {
  if (typeof reference === 'string') return reference;
  const { type, ...options } = reference;
  const parts = Object.entries(options).map(
    ([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
  );
  return parts.length > 0 ? `${type}(${parts.join(', ')})` : type;
}
