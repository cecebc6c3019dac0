import { basename, dirname, extname, resolve } from 'node:path';
import {
  describeValue,
  type EntryConfig,
  FaninError,
  type Registry,
  type ResolvedOptions,
} from '@fanin/core';
import {
  CategoricalDistribution,
  type Direction,
  type Distribution,
  NumericDistribution,
  type ParamValue,
  parseSpace,
  type Space,
} from '@fanin/search';
import { ConfigFileError } from '../cli/errors.js';
import { type ModelDocument, parseModelDocument } from '../config/model-file.js';
import { resolveSection } from '../config/resolve-section.js';
import { type ObjectiveName, stageShape, sweepShape } from '../config/sweep-section.js';
import { readJsonFile } from '../io/read-json-file.js';
import { checkJsonSchema } from '../schemas/json-schema-check.js';
import { sweepFileSchema } from '../schemas/config-schemas.js';
import { checkModelSize } from '../training/model-size.js';
import { applyParams, type ModelJson } from './apply-params.js';

/** A stage of a sweep, validated. */
export type Stage = ResolvedOptions<typeof stageShape>;

/** A validated sweep file. */
export interface SweepSpec {
  readonly name: string;
  /** The sweep file as shown in messages. */
  readonly source: string;
  /** The model every trial starts from (the sweep's training options laid over the model file's). */
  readonly base: ModelJson;
  readonly document: ModelDocument;
  readonly space: Space;
  readonly objective: ObjectiveName;
  readonly direction: Direction;
  readonly stages: readonly Stage[];
  readonly sampler: EntryConfig;
  readonly pruners: readonly EntryConfig[];
  readonly workers: number;
  readonly retries: number;
  readonly seed: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Values that stand for a distribution when checking that a parameter fits the model: its ends, or every choice. */
function probeValues(distribution: Distribution): ParamValue[] {
  if (distribution instanceof CategoricalDistribution) return [...distribution.choices];
  if (distribution instanceof NumericDistribution) return [distribution.min, distribution.max];
  return [distribution.fromUnit(0.5)];
}

/** Lays parameters into the base model and validates the result like a model file. */
export function trialDocument(
  base: ModelJson,
  params: Readonly<Record<string, ParamValue>>,
  registry: Registry,
  source: string,
): ModelDocument {
  const { model, training } = applyParams(base, params, registry);
  const document = parseModelDocument({ ...model, training }, source, registry);
  checkModelSize(document.model, document.training.batchSize);
  return document;
}

/**
 * Reads and validates a sweep file: its options (paths in messages), the model file it
 * points to (or holds), the space (`@fanin/search`'s `parseSpace`: non-empty ranges, known
 * types), and that every parameter lands somewhere valid in the model: each end of a range
 * and each choice is laid into the model and validated, so `"layers[*].activation":
 * categorical(["relu", "tanhh"])` fails before any trial runs. Then the whole file is
 * checked against the published sweep schema.
 */
export function readSweepFile(file: string, cwd: string, registry: Registry): SweepSpec {
  const { path, shown, value } = readJsonFile(file, cwd);
  const fail = (error: unknown): never => {
    if (error instanceof ConfigFileError) throw error;
    if (error instanceof FaninError) throw new ConfigFileError(shown, error.message);
    throw error;
  };
  try {
    const options = resolveSection(sweepShape(registry, { type: 'object' }), value, '');
    const stages = options.stages.map((stage, index) =>
      resolveSection(stageShape, stage, `stages[${index}]`),
    );
    options.pruners.forEach((pruner, index) => {
      try {
        registry.validate('pruner', pruner as EntryConfig);
      } catch (error) {
        if (error instanceof FaninError) error.message = `pruners[${index}]: ${error.message}`;
        throw error;
      }
    });
    const space = parseSpace(options.space, 'space');
    const overrides = (options.training ?? {}) as Record<string, unknown>;
    let document: ModelDocument;
    let modelJson: Record<string, unknown>;
    if (typeof options.model === 'string') {
      const modelFile = readJsonFile(resolve(dirname(path), options.model), cwd);
      if (!isObject(modelFile.value))
        parseModelDocument(modelFile.value, modelFile.shown, registry);
      modelJson = modelFile.value as Record<string, unknown>;
      document = parseModelDocument(modelJson, modelFile.shown, registry, overrides);
    } else {
      modelJson = options.model as Record<string, unknown>;
      document = parseModelDocument(modelJson, `${shown}: model`, registry, overrides);
    }
    const { training: _training, $schema: _schema, ...model } = modelJson;
    const base: ModelJson = { model, training: { ...document.training } };
    const objective = options.objective;
    if (objective.startsWith('val_') && document.training.validation === 0)
      throw new FaninError(
        'INVALID_CONFIG',
        `objective: "${objective}" needs validation examples, but training.validation is 0`,
      );
    for (const [name, distribution] of Object.entries(space)) {
      for (const probe of probeValues(distribution)) {
        try {
          trialDocument(base, { [name]: probe }, registry, '');
        } catch (error) {
          if (!(error instanceof FaninError)) throw error;
          const inner = error.message.replace(/^: /, '');
          throw new FaninError(
            'INVALID_SPACE',
            `space.${name} = ${describeValue(typeof probe === 'number' ? Number(probe.toPrecision(6)) : probe)}: ${inner}`,
            /optimizer/.test(inner)
              ? 'A plain parameter name is a training option or an option of the optimizer; use a path such as "layers[*].activation" for the model'
              : undefined,
          );
        }
      }
    }
    const problem = checkJsonSchema(sweepFileSchema(registry), value);
    if (problem)
      throw new FaninError(
        'INVALID_CONFIG',
        `${problem.path || '(top level)'}: ${problem.message}`,
      );
    return {
      name: options.name ?? basename(path, extname(path)),
      source: shown,
      base,
      document,
      space,
      objective,
      direction: objective.endsWith('accuracy') ? 'maximize' : 'minimize',
      stages,
      sampler: options.sampler as EntryConfig,
      pruners: options.pruners as EntryConfig[],
      workers: options.workers,
      retries: options.retries,
      seed: options.seed,
    };
  } catch (error) {
    return fail(error);
  }
}
