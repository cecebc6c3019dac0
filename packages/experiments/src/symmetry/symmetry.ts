import {
  type Callback,
  type EntryConfig,
  evaluate,
  fit,
  type Loss,
  type LayerConfig,
  type ModelConfig,
  option,
  type Sequential,
  type TensorData,
} from '@fanin/core';
import { buildExperimentModel, disposeExperimentData, loadExperimentData } from '../shared/data.js';
import { referenceLabel, referenceListOption, referenceOption } from '../shared/options.js';
import { defineExperiment } from '../shared/experiment.js';
import { symmetryPlots } from './plots.js';
import { type UnitDifferences, unitDifferences } from './unit-differences.js';
import { checkDenseSizes } from '../shared/size-limit.js';

/** Options of {@link symmetry}. */
export const symmetryOptions = {
  initializers: referenceListOption('initializer', {
    description: 'Kernel initializers to compare (every dense layer uses it; biases start at 0)',
    default: ['zeros', { type: 'constant', value: 0.1 }, 'glorotNormal'],
  }),
  dataset: referenceOption('dataset', {
    description: 'Training data (a registry dataset)',
    default: 'spiral',
  }),
  samples: option.integer({
    description: 'Training examples taken from the dataset (seeded, stratified)',
    default: 300,
    min: 2,
  }),
  hidden: option.array(option.integer({ description: 'Units of a hidden layer', min: 2 }), {
    description: 'Units of each hidden layer',
    default: [16, 16],
    minItems: 1,
  }),
  activation: referenceOption('activation', {
    description: 'Activation of the hidden layers',
    default: 'tanh',
  }),
  optimizer: referenceOption('optimizer', {
    description: 'Optimizer',
    default: { type: 'sgd', learningRate: 0.1 },
  }),
  epochs: option.integer({ description: 'Training epochs', default: 20, min: 1 }),
  batchSize: option.integer({ description: 'Examples per step', default: 32, min: 1 }),
  seed: option.integer({
    description: 'Seed of the data split, the random initializers and the shuffling',
    default: 0,
    min: 0,
  }),
} as const;

/** One dense layer of one run: how alike its units were before and after training. */
export interface SymmetryLayer {
  /** Index of the layer in the model (0 is the first hidden layer). */
  readonly layer: number;
  /** "hidden 1", "hidden 2", ..., "output". */
  readonly name: string;
  readonly units: number;
  readonly initial: UnitDifferences;
  readonly final: UnitDifferences;
  /** Whether every unit of the layer is still identical after training. */
  readonly symmetric: boolean;
}

/** One initializer's run. */
export interface SymmetryRun {
  readonly initializer: string;
  /** Training accuracy (inference mode) after the last epoch. */
  readonly accuracy: number | null;
  readonly layers: SymmetryLayer[];
  /** One sentence on what happened to the hidden units. */
  readonly finding: string;
}

/** The max pairwise difference of one layer after an epoch (epoch 0 is before training). */
export interface SymmetryTracePoint {
  readonly initializer: string;
  readonly layer: string;
  readonly epoch: number;
  readonly maxDifference: number;
  readonly distinctUnits: number;
}

function denseLayers(
  model: Sequential,
): { name: string; units: number; differences: UnitDifferences }[] {
  const parameters = model.namedParameters();
  const count = model.layers.length;
  return model.layers.map((_, index) => {
    const kernel = parameters.get(`${index}.kernel`)!;
    return {
      name: index === count - 1 ? 'output' : `hidden ${index + 1}`,
      units: kernel.shape[1]!,
      differences: unitDifferences(kernel, parameters.get(`${index}.bias`)),
    };
  });
}

function findingFor(initializer: string, layers: readonly SymmetryLayer[]): string {
  const hidden = layers.filter((layer) => layer.name !== 'output');
  const symmetric = hidden.filter((layer) => layer.symmetric);
  if (symmetric.length === hidden.length) {
    return `${initializer}: every hidden layer still has identical units after training (${hidden.map((l) => `${l.units} units act as 1`).join(', ')}): the symmetry never breaks`;
  }
  if (symmetric.length === 0) {
    return `${initializer}: the hidden units differ (${hidden.map((l) => `${l.final.distinctUnits} distinct of ${l.units}`).join(', ')}): random initial values break the symmetry`;
  }
  return `${initializer}: ${symmetric.map((l) => l.name).join(', ')} kept identical units; the other hidden layers did not`;
}

/**
 * Symmetry breaking: the same network is trained once per initializer, and after every epoch
 * each dense layer's units are compared (max pairwise difference of their incoming weight
 * vectors, kernel column and bias, and the number of distinct vectors).
 *
 * What it reproduces: with a constant (or zero) initialization every unit of a hidden layer
 * computes the same function, receives the same gradient and so stays identical, bit for
 * bit, however long it trains: a layer of 16 units acts as one. With zeros the tanh layers
 * do not even move (their gradient is multiplied by the zero weights above). A random
 * initialization makes the units differ from the start, and training keeps them apart. The
 * output layer is reported too: its units see different targets, so they differ after
 * training even when they start equal, but that does not reach the hidden units.
 */
export const symmetryExperiment = defineExperiment({
  name: 'symmetry',
  description:
    'Constant initialization keeps every unit of a layer identical through training; random initialization breaks the symmetry',
  options: symmetryOptions,
  light: true,
  quick: { epochs: 10 },
  async body(config, session) {
    const { registry } = session;
    // Names are checked before any work, so a typo is reported against its option.
    registry.validate('activation', config.activation);
    registry.validate('optimizer', config.optimizer);
    for (const initializer of config.initializers) registry.validate('initializer', initializer);
    const data = await loadExperimentData(
      'symmetry',
      registry,
      config.dataset,
      { train: config.samples, validation: 0 },
      config.seed,
    );
    const runs: SymmetryRun[] = [];
    const trace: SymmetryTracePoint[] = [];
    try {
      checkDenseSizes(
        'symmetry',
        data.source.features,
        config.hidden.map((units, index) => ({ option: `hidden[${index}]`, units })),
        Math.max(config.batchSize, config.samples),
      );
      for (const [index, initializer] of config.initializers.entries()) {
        session.checkAbort('train');
        const label = referenceLabel(initializer);
        const model = buildExperimentModel(
          modelConfig(config.hidden, config.activation, initializer, data.source),
          registry,
          config.seed,
        );
        const record = (epoch: number) => {
          for (const { name, differences } of denseLayers(model))
            trace.push({ initializer: label, layer: name, epoch, ...differences });
        };
        const initial = denseLayers(model);
        record(0);
        const tracker: Callback = { onEpochEnd: ({ epoch }) => record(epoch + 1) };
        const optimizer = registry.create('optimizer', config.optimizer);
        const loss = registry.loss('softmaxCrossEntropy');
        try {
          await fit(model, data.train, {
            epochs: config.epochs,
            batchSize: config.batchSize,
            optimizer,
            loss,
            seed: config.seed,
            callbacks: [tracker],
            ...(session.signal ? { signal: session.signal } : {}),
          });
          session.checkAbort('train');
          const accuracy = await trainingAccuracy(model, data.train, loss);
          const layers = denseLayers(model).map(({ name, units, differences }, layer) => ({
            layer,
            name,
            units,
            initial: initial[layer]!.differences,
            final: differences,
            symmetric: differences.maxDifference === 0,
          }));
          runs.push({ initializer: label, accuracy, layers, finding: findingFor(label, layers) });
        } finally {
          optimizer.dispose();
          model.dispose();
        }
        session.progress('train', index + 1, config.initializers.length, runs.at(-1)?.finding);
      }
    } finally {
      disposeExperimentData(data);
    }
    return { runs, trace, plots: symmetryPlots(runs, trace) };
  },
});

async function trainingAccuracy(
  model: Sequential,
  data: TensorData,
  loss: Loss,
): Promise<number | null> {
  const logs = await evaluate(model, data, { loss, metrics: ['accuracy'] });
  return Number.isFinite(logs.accuracy) ? logs.accuracy! : null;
}

function modelConfig(
  hidden: readonly number[],
  activation: EntryConfig,
  init: EntryConfig,
  source: { features: number; classes: number },
): ModelConfig {
  const layers: LayerConfig[] = [
    ...hidden.map((units) => ({ dense: units, activation, init })),
    { dense: source.classes, init },
  ];
  return { inputShape: [source.features], layers };
}

/**
 * Runs the symmetry experiment (see {@link symmetryExperiment}).
 *
 * ```ts
 * const { runs } = await symmetry({ initializers: ['zeros', 'heNormal'] });
 * runs[0].layers[0].symmetric; // true: zero-initialized units stay identical
 * ```
 */
export const symmetry = symmetryExperiment.run;
