import type { JsonSchema } from '../options/option.js';
import type { Registry } from '../registry/registry.js';
import { NORM_POSITIONS } from './model-config-validate.js';

const reference = (name: string) => ({ $ref: `#/$defs/${name}` });

/** A registry layer entry's schema with its name under "layer" instead of "type". */
function registryLayerSchemas(registry: Registry): JsonSchema[] {
  return registry.list('layer').map((info) => {
    const { type: _type, ...options } = (info.jsonSchema.properties ?? {}) as Record<
      string,
      JsonSchema
    >;
    const required = ((info.jsonSchema.required as string[] | undefined) ?? []).filter(
      (key) => key !== 'type',
    );
    return {
      type: 'object',
      description: info.description,
      properties: {
        layer: { enum: [info.name, ...info.aliases], description: info.description },
        ...options,
      },
      required: ['layer', ...required],
      additionalProperties: false,
    };
  });
}

/**
 * The JSON Schema (draft 2020-12) of a model config for `buildModel`, with the activation,
 * initializer, normalization and layer names and options of the given registry, for editors
 * (`"$schema"` in the config file) and the CLI. Save it with
 * `JSON.stringify(modelConfigSchema(registry), null, 2)`.
 */
export function modelConfigSchema(registry: Registry): JsonSchema {
  const dense = {
    type: 'object',
    description:
      'A fully connected layer, optionally with an initializer, a normalization and an activation',
    properties: {
      dense: { type: 'integer', minimum: 1, description: 'Number of units' },
      activation: reference('activation'),
      init: {
        ...reference('initializer'),
        description: 'Kernel initializer (default Glorot uniform)',
      },
      biasInit: { ...reference('initializer'), description: 'Bias initializer (default zeros)' },
      bias: { type: 'boolean', default: true, description: 'Add a learned bias' },
      norm: reference('normalization'),
      normPosition: {
        enum: [...NORM_POSITIONS],
        default: 'beforeActivation',
        description: 'Normalize before (default) or after the activation',
      },
    },
    required: ['dense'],
    additionalProperties: false,
  };
  const activation = {
    type: 'object',
    description: 'An activation function on its own',
    properties: { activation: reference('activation') },
    required: ['activation'],
    additionalProperties: false,
  };
  const norm = {
    type: 'object',
    description: 'A normalization on its own',
    properties: { norm: reference('normalization') },
    required: ['norm'],
    additionalProperties: false,
  };
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
        description: "One example's shape, without the batch axis, e.g. [784]",
      },
      seed: {
        type: 'integer',
        minimum: 0,
        maximum: 2 ** 32 - 1,
        default: 0,
        description: 'Seed of the initial weights',
      },
      layers: {
        type: 'array',
        minItems: 1,
        items: { oneOf: [dense, activation, norm, ...registryLayerSchemas(registry)] },
      },
    },
    required: ['inputShape', 'layers'],
    additionalProperties: false,
    $defs: {
      activation: registry.configSchema('activation'),
      initializer: registry.configSchema('initializer'),
      normalization: registry.configSchema('normalization'),
    },
  };
}
