import { type EntryConfig, fit, type LayerConfig, type ModelConfig, option } from '@fanin/core';
import { buildExperimentModel, disposeExperimentData, loadExperimentData } from '../shared/data.js';
import { ExperimentConfigError } from '../shared/errors.js';
import { referenceLabel, referenceOption } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { logSpace } from '../shared/statistics.js';
import { defineExperiment } from '../shared/experiment.js';
import { batchNormComparisonPlots } from './plots.js';
import { checkDenseSizes, checkValueCount } from '../shared/size-limit.js';

/** The per-epoch numbers a comparison can be judged on. */
export const COMPARISON_METRICS = ['val_accuracy', 'accuracy'] as const;
/** A per-epoch log a comparison can be judged on. */
export type ComparisonMetric = (typeof COMPARISON_METRICS)[number];

/** The networks a comparison can train. */
export const COMPARISON_MODELS = ['mlp', 'cnn'] as const;
/** Which network {@link batchNormComparison} trains: the classic MLP or a small CNN. */
export type ComparisonModel = (typeof COMPARISON_MODELS)[number];

/** Options of {@link batchNormComparison}. */
export const batchNormComparisonOptions = {
  model: option.enum(COMPARISON_MODELS, {
    description:
      'The network: "mlp" (the classic hidden dense layers) or "cnn" (conv, pool, conv, pool, dense on 28 x 28 x 1 images, also compared with group norm)',
    default: 'mlp',
  }),
  dataset: referenceOption('dataset', {
    description: 'Training and validation data (a registry dataset)',
    default: 'mnist',
  }),
  trainSamples: option.integer({
    description: 'Training examples (seeded, stratified split)',
    default: 1000,
    min: 2,
  }),
  validationSamples: option.integer({
    description: 'Validation examples, disjoint from the training ones',
    default: 1000,
    min: 1,
  }),
  scales: option.integer({
    description: 'Number of weight scales (log-spaced from maxScale down to minScale)',
    default: 16,
    min: 1,
  }),
  maxScale: option.number({
    description: 'Largest standard deviation of the initial weights',
    default: 1,
    greaterThan: 0,
  }),
  minScale: option.number({
    description: 'Smallest standard deviation of the initial weights',
    default: 1e-4,
    greaterThan: 0,
  }),
  hiddenLayers: option.integer({
    description: 'Number of hidden layers (mlp)',
    default: 5,
    min: 1,
  }),
  units: option.integer({ description: 'Units per hidden layer (mlp)', default: 100, min: 1 }),
  filters: option.integer({
    description: 'Filters of the first conv layer; the second has twice as many (cnn)',
    default: 8,
    min: 1,
  }),
  groups: option.integer({
    description:
      'Channel groups of the group norm the cnn is also trained with; must divide the filters (cnn)',
    default: 4,
    min: 1,
  }),
  activation: referenceOption('activation', {
    description: 'Activation of the hidden layers',
    default: 'relu',
  }),
  normalization: referenceOption('normalization', {
    description:
      'The normalization compared with none, after each hidden dense layer (mlp) or conv layer (cnn)',
    default: 'batchNorm',
  }),
  optimizer: referenceOption('optimizer', {
    description: 'Optimizer (a fresh one per run)',
    default: { type: 'sgd', learningRate: 0.01 },
  }),
  epochs: option.integer({ description: 'Training epochs per run', default: 20, min: 1 }),
  batchSize: option.integer({ description: 'Examples per step', default: 100, min: 2 }),
  metric: option.enum(COMPARISON_METRICS, {
    description: "What decides which network wins at a scale: the last epoch's value of this log",
    default: 'val_accuracy',
  }),
  seed: option.integer({
    description:
      'Seed of the split, the initial weights and the shuffling (the same for both networks)',
    default: 0,
    min: 0,
  }),
} as const;

/** Per-epoch logs of one run (null where a value was NaN or infinite). */
export interface EpochLogs {
  readonly epoch: number[];
  readonly loss: (number | null)[];
  readonly accuracy: (number | null)[];
  readonly val_loss: (number | null)[];
  readonly val_accuracy: (number | null)[];
}

/** One network trained at one weight scale. */
export interface ScaleRun {
  readonly scale: number;
  /** The normalization's label ("batchNorm", "groupNorm(groups=4)"), or "none". */
  readonly variant: string;
  readonly history: EpochLogs;
  /** The compared metric after the last epoch. */
  readonly final: number | null;
}

/** The networks at one scale. */
export interface ScaleComparison {
  readonly scale: number;
  /** The final metric with the compared normalization (`normalization`). */
  readonly withNormalization: number | null;
  readonly without: number | null;
  /** "normalization" when the normalized network ends strictly higher, "none" when the plain one does. */
  readonly winner: 'normalization' | 'none' | 'tie';
  /** The final metric of every variant by label, the compared one and "none" included (cnn: group norm too). */
  readonly finals: Readonly<Record<string, number | null>>;
}

function mlp(
  hiddenLayers: number,
  units: number,
  activation: EntryConfig,
  normalization: EntryConfig | undefined,
  scale: number,
  source: { features: number; classes: number },
): ModelConfig {
  const init = { type: 'normal', std: scale };
  const layers: LayerConfig[] = [
    ...Array.from({ length: hiddenLayers }, () => ({
      dense: units,
      activation,
      init,
      ...(normalization ? { norm: normalization } : {}),
    })),
    { dense: source.classes, init },
  ];
  return { inputShape: [source.features], layers };
}

/**
 * The small CNN: conv 3 x 3 (filters, same padding) [norm] relu, max pool 2, conv 3 x 3
 * (2 filters) [norm] relu, max pool 2, flatten, dense to the classes; every kernel N(0, scale²),
 * biases zero, NHWC input.
 */
function cnn(
  filters: number,
  activation: EntryConfig,
  normalization: EntryConfig | undefined,
  scale: number,
  inputShape: readonly number[],
  classes: number,
): ModelConfig {
  const init = { type: 'normal', std: scale };
  const conv = (count: number) => ({
    conv2d: count,
    kernelSize: 3,
    padding: 'same',
    init,
    ...(normalization ? { norm: normalization } : {}),
    activation,
  });
  // Core's LayerConfig type names dense only; the registry validates every named layer.
  const layers = [
    conv(filters),
    { maxPool2d: 2 },
    conv(2 * filters),
    { maxPool2d: 2 },
    { flatten: true },
    { dense: classes, init },
  ] as unknown as LayerConfig[];
  return { inputShape, layers };
}

const finite = (values: readonly number[] | undefined, epochs: number) =>
  Array.from({ length: epochs }, (_, i) => jsonNumber(values?.[i]));

/**
 * The sizes of the comparison on the small CNN (`model: "cnn"`), whose steps cost far more
 * than the MLP's: `quick` (about 20 s on two cores: 3 scales from 0.3 to 0.003, 400 training
 * and 300 validation images, 2 epochs of SGD at 0.1 in batches of 25) and `full` (8 scales
 * from 1 to 1e-4, 1000 and 1000 images, 4 epochs; a few minutes). The experiment's defaults and
 * `quick` are the MLP's.
 */
export const BATCH_NORM_CNN_SIZES = {
  quick: {
    model: 'cnn',
    scales: 3,
    maxScale: 0.3,
    minScale: 0.003,
    trainSamples: 400,
    validationSamples: 300,
    epochs: 2,
    batchSize: 25,
    optimizer: { type: 'sgd', learningRate: 0.1 },
  },
  full: {
    model: 'cnn',
    scales: 8,
    trainSamples: 1000,
    validationSamples: 1000,
    epochs: 4,
    batchSize: 25,
    optimizer: { type: 'sgd', learningRate: 0.1 },
  },
} as const;

/**
 * The classic batch-normalization comparison (Ioffe and Szegedy 2015, as in the classic
 * "weight scale" figure): an MLP of 5 hidden layers of 100 relu units on 1000 MNIST
 * training examples, initial weights N(0, scale²) in every layer for 16 scales from
 * 1 down to 1e-4 (log-spaced), trained once with batch normalization after each hidden
 * dense layer and once without, with the same initial weights, batches and optimizer.
 *
 * What it reproduces: without batch norm the network learns only near the "right" scale
 * (about √(2/fan-in), 0.05 to 0.14 here): far below it the signal and gradients vanish
 * geometrically with depth and the accuracy stays at chance, far above it they explode.
 * With batch norm every hidden layer is re-standardized, so training starts quickly at
 * almost every scale: batch norm wins at most of them.
 *
 * With `model: "cnn"` the same comparison runs on a small CNN on 28 x 28 x 1 images (conv 3 x 3
 * of `filters`, max pool, conv of twice as many, max pool, dense; see
 * {@link BATCH_NORM_CNN_SIZES} for sizes that suit it), each conv followed by the compared
 * normalization, by group norm (`groups` groups of channels: no batch statistics), or by
 * nothing. Batch and group norm standardize each channel (over N, H, W for batch norm, over
 * H, W and the group's channels per image for group norm), so the plain CNN stalls at chance
 * at small weight scales while both normalized ones train.
 */
export const batchNormComparisonExperiment = defineExperiment({
  name: 'batchNormComparison',
  description:
    'An MLP (or a small CNN) trained with and without batch normalization over log-spaced initial weight scales',
  options: batchNormComparisonOptions,
  light: false,
  quick: { scales: 6, trainSamples: 500, validationSamples: 500, epochs: 5, batchSize: 50 },
  async body(config, session) {
    const { registry } = session;
    const variant = referenceLabel(config.normalization);
    if (!(config.minScale <= config.maxScale)) {
      throw new ExperimentConfigError(
        'batchNormComparison',
        `minScale (${config.minScale}) is larger than maxScale (${config.maxScale})`,
      );
    }
    // Names are checked before any work, so a typo is reported against its option.
    registry.validate('activation', config.activation);
    registry.validate('normalization', config.normalization);
    registry.validate('optimizer', config.optimizer);
    const convolutional = config.model === 'cnn';
    const groupNorm = { type: 'groupNorm', groups: config.groups };
    if (convolutional && config.filters % config.groups !== 0) {
      throw new ExperimentConfigError(
        'batchNormComparison',
        `groups (${config.groups}) does not divide filters (${config.filters}): group norm splits the channels of each conv layer into equal groups`,
        'Choose groups among the divisors of filters',
      );
    }
    // The variants trained at each scale: the compared normalization, group norm (cnn), none.
    const variants: Array<{ label: string; normalization: EntryConfig | undefined }> = [
      { label: variant, normalization: config.normalization },
      ...(convolutional && variant !== referenceLabel(groupNorm)
        ? [{ label: referenceLabel(groupNorm), normalization: groupNorm }]
        : []),
      { label: 'none', normalization: undefined },
    ];
    const scales = logSpace(config.maxScale, config.minScale, config.scales);
    const data = await loadExperimentData(
      'batchNormComparison',
      registry,
      config.dataset,
      { train: config.trainSamples, validation: config.validationSamples },
      config.seed,
      convolutional ? 'image' : 'flat',
    );
    const runs: ScaleRun[] = [];
    const total = scales.length * variants.length;
    try {
      if (convolutional) {
        checkValueCount(
          'batchNormComparison',
          `filters: a batch of ${config.batchSize} through ${config.filters} filters on ${data.train.exampleShape.slice(0, 2).join(' x ')} images`,
          Math.max(config.batchSize, config.validationSamples) *
            config.filters *
            data.train.x.shape[1]! *
            data.train.x.shape[2]!,
          'Use fewer filters, or a smaller batch',
        );
      } else {
        checkDenseSizes(
          'batchNormComparison',
          data.source.features,
          Array.from({ length: config.hiddenLayers }, () => ({
            option: 'units',
            units: config.units,
          })),
          Math.max(config.batchSize, config.trainSamples, config.validationSamples),
        );
      }
      for (const scale of scales) {
        for (const { label, normalization } of variants) {
          session.checkAbort('train');
          const model = buildExperimentModel(
            convolutional
              ? cnn(
                  config.filters,
                  config.activation,
                  normalization,
                  scale,
                  data.train.exampleShape,
                  data.source.classes,
                )
              : mlp(
                  config.hiddenLayers,
                  config.units,
                  config.activation,
                  normalization,
                  scale,
                  data.source,
                ),
            registry,
            config.seed,
          );
          const optimizer = registry.create('optimizer', config.optimizer);
          try {
            const history = await fit(model, data.train, {
              epochs: config.epochs,
              batchSize: config.batchSize,
              optimizer,
              loss: registry.loss('softmaxCrossEntropy'),
              metrics: ['accuracy'],
              validationData: data.validation!,
              seed: config.seed,
              ...(session.signal ? { signal: session.signal } : {}),
            });
            session.checkAbort('train');
            const logs: EpochLogs = {
              epoch: Array.from({ length: history.epochs }, (_, i) => i + 1),
              loss: finite(history.logs.loss, history.epochs),
              accuracy: finite(history.logs.accuracy, history.epochs),
              val_loss: finite(history.logs.val_loss, history.epochs),
              val_accuracy: finite(history.logs.val_accuracy, history.epochs),
            };
            const final = logs[config.metric].at(-1) ?? null;
            runs.push({ scale, variant: label, history: logs, final });
            session.progress(
              'train',
              runs.length,
              total,
              `scale ${scale.toExponential(1)} ${normalization ? `with ${label}` : 'without normalization'}: ${config.metric} ${final === null ? 'n/a' : final.toFixed(3)}`,
            );
          } finally {
            optimizer.dispose();
            model.dispose();
          }
        }
      }
    } finally {
      disposeExperimentData(data);
    }
    const better = (a: number | null, b: number | null) =>
      (a ?? Number.NEGATIVE_INFINITY) > (b ?? Number.NEGATIVE_INFINITY);
    const comparisons: ScaleComparison[] = scales.map((scale) => {
      const finals = Object.fromEntries(
        variants.map(({ label }) => [
          label,
          runs.find((r) => r.scale === scale && r.variant === label)!.final,
        ]),
      );
      const withNormalization = finals[variant] ?? null;
      const without = finals.none ?? null;
      return {
        scale,
        withNormalization,
        without,
        winner: better(withNormalization, without)
          ? 'normalization'
          : better(without, withNormalization)
            ? 'none'
            : 'tie',
        finals,
      };
    });
    const wins = comparisons.filter((c) => c.winner === 'normalization').length;
    // Every other normalization against none: scales where it ends strictly higher.
    const others = variants.slice(1, -1).map(({ label }) => ({
      variant: label,
      wins: comparisons.filter((c) => better(c.finals[label] ?? null, c.without)).length,
    }));
    const summary = {
      metric: config.metric,
      model: config.model,
      wins,
      losses: comparisons.filter((c) => c.winner === 'none').length,
      scales: scales.length,
      others,
      message: [
        `${variant} wins at ${wins} of ${scales.length} weight scales (final ${config.metric})`,
        ...others.map(
          (other) => `${other.variant} beats no normalization at ${other.wins} of ${scales.length}`,
        ),
      ].join('; '),
    };
    return {
      runs,
      comparisons,
      summary,
      plots: batchNormComparisonPlots(
        runs,
        comparisons,
        config.metric,
        variants.map(({ label }) => label),
      ),
    };
  },
});

/**
 * Runs the batch-normalization comparison (see {@link batchNormComparisonExperiment}).
 *
 * ```ts
 * const { summary } = await batchNormComparison({ scales: 4, epochs: 5 });
 * summary.message; // "batchNorm wins at 4 of 4 weight scales (final val_accuracy)"
 * ```
 */
export const batchNormComparison = batchNormComparisonExperiment.run;
