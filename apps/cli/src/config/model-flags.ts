import { type OptionSpec, option, type Registry } from '@fanin/core';
import type { CommandOption } from '../cli/command.js';
import { UsageError } from '../cli/errors.js';
import { readJsonFile } from '../io/read-json-file.js';
import type { Output } from '../output/output.js';
import { locateConfig } from './config-path.js';
import { type ModelDocument, parseModelDocument } from './model-file.js';
import { referenceOption } from './resolve-section.js';
import { trainingShape } from './training-section.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A training option as a flag: optional, so a config file's value stands unless the flag is given. */
function asFlag(spec: OptionSpec): CommandOption {
  const fallback = typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default);
  return {
    ...spec,
    presence: 'optional',
    default: undefined,
    description: `${spec.description} (default: the config's, else ${fallback})`,
  };
}

/**
 * The flags of the commands that train a model (`train`, `check`): `--config`, the default
 * model's `--hidden`, `--activation`, `--init`, `--norm`, every training option of the
 * config's `training` section as a flag (derived from its declaration), and
 * `--learning-rate`.
 */
export function modelFlags(registry: Registry) {
  const training = trainingShape(registry);
  const { seed: _seed, ...trainingOptions } = training;
  return {
    config: option.string({
      description:
        'Model file: a model config (inputShape, layers) with a "training" section; see examples/model.json. Without it, an MLP is built from --hidden, --activation, --init and --norm',
      optional: true,
      nonEmpty: true,
    }),
    hidden: option.array(option.integer({ description: 'Units', min: 1 }), {
      description: 'Hidden layer widths of the model built without --config',
      default: [100, 100],
      minItems: 1,
    }),
    activation: referenceOption(registry, 'activation', {
      description: 'Activation of the hidden layers of the model built without --config',
      default: 'relu',
    }),
    init: referenceOption(registry, 'initializer', {
      description: 'Kernel initializer of the model built without --config',
      default: 'heNormal',
    }),
    norm: referenceOption(registry, 'normalization', {
      description:
        'Normalization after each hidden dense layer of the model built without --config (default none)',
      optional: true,
    }),
    ...(Object.fromEntries(
      Object.entries(trainingOptions).map(([name, spec]) => [name, asFlag(spec as OptionSpec)]),
    ) as { [K in keyof typeof trainingOptions]: CommandOption }),
    learningRate: option.number({
      description: "Learning rate, set on the optimizer (default: the optimizer's)",
      optional: true,
      greaterThan: 0,
    }),
  } as const;
}

const MODEL_ONLY = ['hidden', 'activation', 'init', 'norm'] as const;

/**
 * The model document a train/check command line describes: the `--config` file with the
 * given training flags laid over its training section (and `--seed` over both seeds), or an
 * MLP built from the flags. Validated like a file; errors name the file (or "command line").
 * A `--config examples/...` path missing from `cwd` falls back to the shipped example (see
 * {@link locateConfig}), with a status line on `output`.
 */
export function modelFromFlags(
  options: Record<string, unknown>,
  given: ReadonlySet<string>,
  registry: Registry,
  cwd: string,
  command: string,
  output: Output,
): ModelDocument {
  const training = trainingShape(registry);
  const overrides: Record<string, unknown> = {};
  for (const name of Object.keys(training)) {
    if (name !== 'seed' && given.has(name)) overrides[name] = options[name];
  }
  if (given.has('seed')) overrides.seed = options.seed;
  let document: Record<string, unknown>;
  let source: string | undefined;
  if (typeof options.config === 'string') {
    const conflicting = MODEL_ONLY.find((name) => given.has(name));
    if (conflicting)
      throw new UsageError(
        `fanin ${command}: --${conflicting} shapes the model built without --config; edit the model file instead`,
      );
    const file = readJsonFile(locateConfig(options.config, cwd, output), cwd);
    if (!isObject(file.value)) return parseModelDocument(file.value, file.shown, registry);
    document = { ...file.value };
    source = file.shown;
  } else {
    const dataset = registry.create(
      'dataset',
      (overrides.dataset ?? training.dataset.default) as never,
    );
    const hidden = options.hidden as number[];
    document = {
      inputShape: [dataset.features],
      layers: [
        ...hidden.map((units) => ({
          dense: units,
          init: options.init,
          ...(options.norm !== undefined ? { norm: options.norm } : {}),
          activation: options.activation,
        })),
        { dense: dataset.classes },
      ],
    };
  }
  source ??= `fanin ${command} flags`;
  if (given.has('seed')) document.seed = options.seed;
  if (options.learningRate !== undefined) {
    const rawTraining = isObject(document.training) ? document.training : {};
    const optimizer = overrides.optimizer ?? rawTraining.optimizer ?? training.optimizer.default;
    overrides.optimizer =
      typeof optimizer === 'string'
        ? { type: optimizer, learningRate: options.learningRate }
        : { ...(optimizer as object), learningRate: options.learningRate };
  }
  return parseModelDocument(document, source, registry, overrides);
}
