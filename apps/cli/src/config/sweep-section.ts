import { type JsonSchema, option, type Registry } from '@fanin/core';
import { DEFAULT_RETRIES, spaceJsonSchema } from '@fanin/search';
import { referenceOption } from './resolve-section.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One stage of a coarse-to-fine sweep. */
export const stageShape = {
  trials: option.integer({
    description: 'Trials in this stage (in total, counting those of an earlier run)',
    min: 1,
  }),
  epochs: option.integer({
    description: "Epochs per trial in this stage (default: the model's training.epochs)",
    optional: true,
    min: 1,
  }),
  top: option.integer({
    description:
      "How many of the best trials of this stage the next stage's ranges are built from (default max(3, 10% of the completed))",
    optional: true,
    min: 1,
  }),
} as const;

/** The sweep objective: which epoch log a trial is judged by (its value at the last epoch). */
export const OBJECTIVES = ['val_loss', 'val_accuracy', 'loss', 'accuracy'] as const;
export type ObjectiveName = (typeof OBJECTIVES)[number];

/**
 * A sweep file (`fanin sweep --config sweep.json`): the model to train, the space to search,
 * the stages of a coarse-to-fine search, the sampler, pruners, workers and seed. Declared
 * once; validation, the JSON Schema and the docs come from it.
 */
export function sweepShape(registry: Registry, modelSchema: JsonSchema) {
  return {
    name: option.string({
      description: 'Name of the sweep: its study in the journal (default: the file name)',
      optional: true,
      nonEmpty: true,
    }),
    model: option.custom({
      description:
        'The model and its training section: a path to a model file (relative to this file) or the model config itself',
      expected: 'a path to a model file or a model config object',
      schema: { oneOf: [{ type: 'string', minLength: 1 }, modelSchema] },
      check: (value): value is string | Record<string, unknown> =>
        (typeof value === 'string' && value.length > 0) || isObject(value),
    }),
    training: option.custom({
      description:
        "Training options that replace the model file's for this sweep (a smaller split, fewer epochs)",
      expected: 'an object of training options',
      optional: true,
      schema: { type: 'object' },
      check: (value): value is Record<string, unknown> => isObject(value),
    }),
    space: option.custom({
      description: 'The hyperparameters to search and their distributions',
      expected: 'an object of distributions by parameter name',
      schema: spaceJsonSchema(
        'The hyperparameters to search: a distribution per parameter. A name is a training option ("batchSize", "optimizer"), an optimizer option ("learningRate", "weightDecay", "momentum"), or a path into the model file ("layers[*].activation", "layers[0].conv2d", "layers[*].kernelSize", "training.optimizer.beta1"); a categorical choice null removes the key ("layers[*].norm": ["batchNorm", "groupNorm", null])',
      ),
      check: (value): value is Record<string, unknown> => isObject(value),
    }),
    objective: option.enum(OBJECTIVES, {
      description:
        'What a trial is judged by, at its last epoch; losses are minimized, accuracies maximized',
      default: 'val_loss',
    }),
    stages: option.array(
      option.custom({
        description: 'A stage',
        expected: 'a stage object',
        schema: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(stageShape).map(([key, spec]) => [key, spec.jsonSchema()]),
          ),
          required: ['trials'],
          additionalProperties: false,
        },
        check: (value): value is Record<string, unknown> => isObject(value),
      }),
      {
        description:
          "The stages, coarse to fine: each after the first searches the ranges of the previous stage's best trials",
        default: [{ trials: 20 }],
        minItems: 1,
      },
    ),
    sampler: referenceOption(registry, 'sampler', {
      description: 'How parameters are drawn: "random", "sobol", "grid" or "tpe" (model-based)',
      default: 'random',
    }),
    pruners: option.array(referenceOption(registry, 'pruner', { description: 'A pruner' }), {
      description:
        'Pruners that stop bad trials early (any of them may stop one); default divergence: NaN, or a loss above 3x its first value',
      default: ['divergence'],
    }),
    workers: option.integer({
      description: 'Trials run at once, each in its own process (1: in this process)',
      default: 1,
      min: 1,
    }),
    retries: option.integer({
      description:
        'How many times a trial whose worker process died (a crash, kill -9, out of memory) is run again; an objective that throws is not retried',
      default: DEFAULT_RETRIES,
      min: 0,
    }),
    seed: option.integer({
      description:
        'Seed of the sampler: trial k gets the same parameters on every run and with any number of workers',
      default: 0,
      min: 0,
      max: 2 ** 32 - 1,
    }),
  } as const;
}

export type SweepShape = ReturnType<typeof sweepShape>;
