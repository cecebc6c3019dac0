import { type JsonSchema, modelConfigSchema, optionsJsonSchema, type Registry } from '@fanin/core';
import { sweepShape } from '../config/sweep-section.js';
import { trainingShape } from '../config/training-section.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** The JSON Schema of a model file's `training` section. */
export function trainingJsonSchema(registry: Registry): JsonSchema {
  return {
    ...optionsJsonSchema(trainingShape(registry)),
    description: 'What to train on and how (fanin train, check and sweep)',
  };
}

/**
 * The JSON Schema of a model file: core's model config (`modelConfigSchema`, with the
 * registered activations, initializers, normalizations and layers) plus the `training`
 * section.
 */
export function modelFileSchema(registry: Registry): JsonSchema {
  const base = modelConfigSchema(registry);
  return {
    ...base,
    $schema: DRAFT,
    title: 'fanin model file',
    description:
      'A model for fanin train, check and sweep: the shape of one example, the layers in order, and how to train it',
    properties: {
      ...(base.properties as Record<string, JsonSchema>),
      training: trainingJsonSchema(registry),
    },
  };
}

/** The JSON Schema of a sweep file (`fanin sweep --config sweep.json`). */
export function sweepFileSchema(registry: Registry): JsonSchema {
  const { $schema: _draft, $defs, ...model } = modelFileSchema(registry);
  const options = optionsJsonSchema(sweepShape(registry, { $ref: '#/$defs/model' }));
  const properties = options.properties as Record<string, JsonSchema>;
  return {
    $schema: DRAFT,
    title: 'fanin sweep file',
    description:
      'A hyperparameter sweep for fanin sweep: the model, the space, coarse-to-fine stages, sampler, pruners, workers and seed. Resumable: run it again to continue',
    ...options,
    properties: {
      $schema: { type: 'string', description: 'This schema, for editors' },
      ...properties,
      training: { ...trainingJsonSchema(registry), description: properties.training!.description },
    },
    $defs: { ...($defs as Record<string, JsonSchema>), model },
  };
}

/** Every schema the CLI publishes, by file name (`schemas/<name>`). */
export function generateSchemas(registry: Registry): Record<string, JsonSchema> {
  return {
    'model.schema.json': modelFileSchema(registry),
    'sweep.schema.json': sweepFileSchema(registry),
  };
}

/** A schema file's text: two-space JSON and a final newline. */
export function schemaText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
