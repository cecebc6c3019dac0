import {
  checkModelConfig,
  describeValue,
  FaninError,
  type ModelConfig,
  type Registry,
  type ResolvedOptions,
} from '@fanin/core';
import { ConfigFileError } from '../cli/errors.js';
import { readJsonFile } from '../io/read-json-file.js';
import { MissingPackageError } from '../optional/load-optional.js';
import { checkJsonSchema } from '../schemas/json-schema-check.js';
import { exampleLayout } from '../training/load-data.js';
import { modelFileSchema } from '../schemas/config-schemas.js';
import { resolveSection } from './resolve-section.js';
import { type TrainingShape, trainingShape } from './training-section.js';

/** The training section with every option resolved. */
export type TrainingConfig = ResolvedOptions<TrainingShape>;

/** A validated model file: the `buildModel` config and its training section. */
export interface ModelDocument {
  /** The model config for core's `buildModel` (without `training` and `$schema`). */
  readonly model: ModelConfig;
  readonly training: TrainingConfig;
  /** The file it came from, as shown in messages. */
  readonly source: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks, without loading any data, that one example of the dataset fits the model's
 * `inputShape` (rows or images) and that a final dense layer has one unit per class.
 */
function checkFitsDataset(
  model: Record<string, unknown>,
  training: TrainingConfig,
  registry: Registry,
): void {
  const source = registry.create('dataset', training.dataset as never);
  exampleLayout(model.inputShape as number[], source);
  const layers = model.layers as Record<string, unknown>[];
  const last = layers[layers.length - 1]!;
  if (typeof last.dense === 'number' && last.dense !== source.classes)
    throw new FaninError(
      'SHAPE_MISMATCH',
      `layers[${layers.length - 1}].dense: the last layer has ${last.dense} units but dataset "${source.name}" has ${source.classes} classes`,
      `End the model with { "dense": ${source.classes} } (logits, no activation)`,
    );
}

/**
 * Validates a model document: core's model config (`inputShape`, `seed`, `layers`) plus a
 * `training` section. Problems are {@link ConfigFileError}s naming `source` and the path:
 * `model.json: layers[2].activation: unknown activation "rellu". Did you mean "relu"? ...`.
 * The document is checked by the same code that builds it (for the clearest message) and
 * then against the published JSON Schema, so a file editors accept is a file the CLI runs.
 * `overrides` replace training options (from flags or a sweep), before validation.
 */
export function parseModelDocument(
  value: unknown,
  source: string,
  registry: Registry,
  overrides: Readonly<Record<string, unknown>> = {},
): ModelDocument {
  if (!isObject(value))
    throw new ConfigFileError(
      source,
      `must be a JSON object with "inputShape", "layers" and "training", got ${describeValue(value)}`,
    );
  const { training: rawTraining, $schema: _schema, ...model } = value;
  const trainingInput = { ...(isObject(rawTraining) ? rawTraining : {}), ...overrides };
  try {
    if (rawTraining !== undefined && !isObject(rawTraining))
      throw new FaninError(
        'INVALID_CONFIG',
        `training: must be an object of training options, got ${describeValue(rawTraining)}`,
      );
    checkModelConfig(model, registry);
    const training = resolveSection(trainingShape(registry), trainingInput, 'training');
    checkFitsDataset(model, training, registry);
    const problem = checkJsonSchema(modelFileSchema(registry), {
      ...value,
      training: trainingInput,
    });
    if (problem)
      throw new FaninError(
        'INVALID_CONFIG',
        `${problem.path || '(top level)'}: ${problem.message}`,
      );
    return { model: model as unknown as ModelConfig, training, source };
  } catch (error) {
    // A missing optional package (the mnist one) is not the file's fault: its own line.
    if (error instanceof ConfigFileError || error instanceof MissingPackageError) throw error;
    if (error instanceof FaninError) throw new ConfigFileError(source, error.message);
    throw error;
  }
}

/** Reads and validates a model file (`fanin train --config model.json`). */
export function readModelFile(
  file: string,
  cwd: string,
  registry: Registry,
  overrides: Readonly<Record<string, unknown>> = {},
): ModelDocument {
  const { shown, value } = readJsonFile(file, cwd);
  return parseModelDocument(value, shown, registry, overrides);
}
