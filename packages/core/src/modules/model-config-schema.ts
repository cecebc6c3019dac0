import type { JsonSchema } from '../options/option.js';
import type { Kind } from '../registry/kinds.js';
import type { EntryInfo, Registry } from '../registry/registry.js';
import { LAYER_FORM_KEYS, namedLayerEntries, shorthandOf } from './model-config-validate.js';

const reference = (name: string) => ({ $ref: `#/$defs/${name}` });

/** An entry's option schemas, options naming other entries pointing at that kind's schema. */
function optionSchemas(info: EntryInfo<'layer'>): Record<string, JsonSchema> {
  const properties = (info.jsonSchema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(
    info.options.map((option) => [
      option.name,
      option.reference
        ? { ...reference(option.reference), description: option.description }
        : properties[option.name]!,
    ]),
  );
}

const requiredOf = (info: EntryInfo<'layer'>) =>
  info.options.filter((o) => o.required).map((o) => o.name);

/** `{ "dense": 100, ... }`: a layer under its own name (and each alias), its shorthand as the value. */
function namedLayerSchemas(registry: Registry): JsonSchema[] {
  return namedLayerEntries(registry).flatMap((info) => {
    const shorthand = shorthandOf(info);
    const { [shorthand ?? '']: value, ...options } = optionSchemas(info);
    const keySchema = value ?? {
      const: true,
      description: `${info.description} (its options go beside it)`,
    };
    return [info.name, ...info.aliases].map((key) => ({
      type: 'object',
      description: info.description,
      properties: { [key]: keySchema, ...options },
      required: [key, ...requiredOf(info).filter((name) => name !== shorthand)],
      additionalProperties: false,
    }));
  });
}

/** `{ "layer": "maxout", ...options }`: any layer entry, named under "layer". */
function genericLayerSchemas(registry: Registry): JsonSchema[] {
  return registry.list('layer').map((info) => ({
    type: 'object',
    description: info.description,
    properties: {
      layer: { enum: [info.name, ...info.aliases], description: info.description },
      ...optionSchemas(info),
    },
    required: ['layer', ...requiredOf(info)],
    additionalProperties: false,
  }));
}

const loneForms: JsonSchema[] = [
  {
    type: 'object',
    description: 'An activation function on its own',
    properties: { activation: reference('activation') },
    required: ['activation'],
    additionalProperties: false,
  },
  {
    type: 'object',
    description: 'A normalization on its own',
    properties: { norm: reference('normalization') },
    required: ['norm'],
    additionalProperties: false,
  },
  {
    type: 'object',
    description:
      'A residual block: activation(branch(x) + shortcut(x)), the shortcut the identity unless given',
    properties: {
      residual: {
        type: 'array',
        minItems: 1,
        items: reference('layer'),
        description: 'The branch',
      },
      shortcut: {
        type: 'array',
        minItems: 1,
        items: reference('layer'),
        description: 'Layers on the skip path (default: the identity)',
      },
      activation: { ...reference('activation'), description: 'Activation after the sum' },
    },
    required: ['residual'],
    additionalProperties: false,
  },
];

/** The kinds the lone forms and the layer entries' options name. */
function referencedKinds(registry: Registry): Set<Kind> {
  const kinds = new Set<Kind>(['activation', 'initializer', 'normalization']);
  for (const info of registry.list('layer'))
    for (const option of info.options) if (option.reference) kinds.add(option.reference);
  return kinds;
}

/**
 * The JSON Schema (draft 2020-12) of a model config for `buildModel`, derived from the
 * registry's layer entries (each under its own name and under "layer"), with the activation,
 * initializer and normalization names and options, for editors (`"$schema"` in the config
 * file) and the CLI. Save it with `JSON.stringify(modelConfigSchema(registry), null, 2)`.
 */
export function modelConfigSchema(registry: Registry): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'fanin model config',
    description: 'A model for buildModel: the shape of one example and the layers in order',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors' },
      inputShape: {
        type: 'array',
        items: { type: 'integer', minimum: 1 },
        minItems: 1,
        description: "One example's shape, without the batch axis, e.g. [784] or [28, 28, 1]",
      },
      seed: {
        type: 'integer',
        minimum: 0,
        maximum: 2 ** 32 - 1,
        default: 0,
        description: 'Seed of the initial weights',
      },
      layers: { type: 'array', minItems: 1, items: reference('layer') },
    },
    required: ['inputShape', 'layers'],
    additionalProperties: false,
    $defs: {
      layer: {
        description: `A layer: a layer's name with its options beside it, or one of ${LAYER_FORM_KEYS.map((k) => `"${k}"`).join(', ')}`,
        oneOf: [...namedLayerSchemas(registry), ...loneForms, ...genericLayerSchemas(registry)],
      },
      ...Object.fromEntries(
        [...referencedKinds(registry)].map((kind) => [kind, registry.configSchema(kind)]),
      ),
    },
  };
}
