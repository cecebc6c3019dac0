import { evaluate, fit, option, type Callback, type Sequential } from '@fanin/core';
import {
  buildExperimentModel,
  disposeExperimentData,
  loadExperimentData,
  modelConfigFor,
} from '../shared/data.js';
import { modelOption, referenceOption } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { median } from '../shared/statistics.js';
import { defineExperiment } from '../shared/experiment.js';
import { type ReluLikeLayer, deadUnitCounts, reluLikeLayers } from './dead-units.js';
import {
  deadUnitsFinding,
  type Finding,
  generalizationGapFinding,
  lossCurveFinding,
  updateRatioFinding,
} from './findings.js';
import { type LossShapeAnalysis, lossShape } from './loss-shape.js';
import { trainingHealthPlots } from './plots.js';
import { updateRatioCallback } from './update-ratios.js';

/** Options of {@link trainingHealth}. */
export const trainingHealthOptions = {
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
    default: 500,
    min: 1,
  }),
  model: modelOption({
    description:
      'The model to train and diagnose (core model config; inputShape defaults to the dataset)',
    default: {
      layers: [
        ...Array.from({ length: 5 }, () => ({ dense: 100, activation: 'relu', init: 'heNormal' })),
        { dense: 10 },
      ],
    },
  }),
  optimizer: referenceOption('optimizer', {
    description: 'Optimizer',
    default: { type: 'sgd', learningRate: 0.03 },
  }),
  epochs: option.integer({ description: 'Training epochs', default: 10, min: 1 }),
  batchSize: option.integer({ description: 'Examples per step', default: 50, min: 1 }),
  measureEvery: option.integer({
    description: 'Steps between measurements of the update/weight ratios',
    default: 5,
    min: 1,
  }),
  seed: option.integer({
    description: 'Seed of the split, the initial weights and the shuffling',
    default: 0,
    min: 0,
  }),
} as const;

/** Per-layer numbers of the run. */
export interface LayerHealth {
  /** "layer 1" is the model's first layer (config layer 0). */
  readonly layer: string;
  /** Whether the layer has a kernel, whose update ratio was measured. */
  readonly kernel: boolean;
  /** Median ‖ΔW‖/‖W‖ of its kernel per step (null without a kernel, or when not a number). */
  readonly medianUpdateRatio: number | null;
  /** Units dead on every validation example, before and after training (relu-like layers). */
  readonly deadUnitsBefore: number | null;
  readonly deadUnitsAfter: number | null;
  readonly units: number | null;
}

/** The label of a parameter path's layer: "0" → "layer 1", "2.activation" → "layer 3 activation". */
export function layerLabel(path: string): string {
  const [index, ...rest] = path.split('.');
  const number = Number(index);
  if (!Number.isInteger(number)) return path;
  return [`layer ${number + 1}`, ...rest].join(' ');
}

function bestOf(level: Finding['level'][]): Finding['level'] {
  return level.includes('bad') ? 'bad' : level.includes('warn') ? 'warn' : 'ok';
}

/**
 * Diagnoses a training run the way cs231n's "babysitting the learning process" does:
 *
 * - update/weight ratio per layer: the median over the run of ‖ΔW‖/‖W‖ per step for each
 *   kernel (about 1e-3 is healthy; far lower, the layer barely learns; far higher, too fast);
 * - dead relu units per layer: units that output 0 on every validation example after
 *   training (and before, for comparison);
 * - the train/validation accuracy gap (overfitting);
 * - the shape of the loss curve: falling from the start; a long flat start then a drop
 *   (a poor initialization); flat (learning rate too low, vanishing gradients); exploding or
 *   NaN (learning rate too high).
 *
 * Each is a finding with a level (ok, warn, bad) and a one-sentence explanation.
 */
export const trainingHealthExperiment = defineExperiment({
  name: 'trainingHealth',
  description:
    'Diagnoses a training run: update/weight ratios, dead relu units, overfitting and the shape of the loss curve',
  options: trainingHealthOptions,
  light: false,
  quick: { trainSamples: 500, validationSamples: 300, epochs: 6 },
  async body(config, session) {
    const { registry } = session;
    registry.validate('optimizer', config.optimizer);
    const data = await loadExperimentData(
      'trainingHealth',
      registry,
      config.dataset,
      { train: config.trainSamples, validation: config.validationSamples },
      config.seed,
    );
    const modelConfig = modelConfigFor(
      'trainingHealth',
      config.model,
      data.source.features,
      registry,
    );
    const model = buildExperimentModel(modelConfig, registry, config.seed);
    const optimizer = registry.create('optimizer', config.optimizer);
    const loss = registry.loss('softmaxCrossEntropy');
    try {
      const validation = data.validation!;
      const reluLike = reluLikeLayers(model, modelConfig.inputShape);
      const deadBefore = deadUnitCounts(model, validation.x, reluLike);
      const ratios = updateRatioCallback(config.measureEvery);
      const losses: number[] = [];
      const stepsPerEpoch = Math.ceil(config.trainSamples / config.batchSize);
      const total = stepsPerEpoch * config.epochs;
      const recorder: Callback = {
        onBatchEnd({ logs, step }) {
          losses.push(logs.loss ?? Number.NaN);
          if (step % stepsPerEpoch === 0 || step === total)
            session.progress('train', step, total, `loss ${(logs.loss ?? Number.NaN).toFixed(3)}`);
        },
      };
      const history = await fit(model, data.train, {
        epochs: config.epochs,
        batchSize: config.batchSize,
        optimizer,
        loss,
        metrics: ['accuracy'],
        validationData: validation,
        seed: config.seed,
        callbacks: [ratios, recorder],
        ...(session.signal ? { signal: session.signal } : {}),
      });
      session.checkAbort('train');
      const trainLogs = await evaluate(model, data.train, { loss, metrics: ['accuracy'] });
      const validationLogs = await evaluate(model, validation, { loss, metrics: ['accuracy'] });
      const deadAfter = deadUnitCounts(model, validation.x, reluLike);

      const layers = layerHealth(model, ratios.trace.ratios, reluLike, deadBefore, deadAfter);
      const analysis: LossShapeAnalysis = lossShape(losses);
      const findings: Finding[] = [
        ...layers
          .filter((layer) => layer.kernel)
          .map((layer) => updateRatioFinding(layer.layer, layer.medianUpdateRatio ?? Number.NaN)),
        ...layers
          .filter((layer) => layer.deadUnitsAfter !== null)
          .map((layer) => deadUnitsFinding(layer.layer, layer.deadUnitsAfter!, layer.units!)),
        generalizationGapFinding(
          trainLogs.accuracy ?? Number.NaN,
          validationLogs.accuracy ?? Number.NaN,
        ),
        lossCurveFinding(analysis, losses.length),
      ];
      const epochs = Array.from({ length: history.epochs }, (_, i) => ({
        epoch: i + 1,
        loss: jsonNumber(history.logs.loss?.[i]),
        accuracy: jsonNumber(history.logs.accuracy?.[i]),
        val_loss: jsonNumber(history.logs.val_loss?.[i]),
        val_accuracy: jsonNumber(history.logs.val_accuracy?.[i]),
      }));
      const updateRatios = Object.entries(ratios.trace.ratios).flatMap(([layer, values]) =>
        values.map((ratio, i) => ({
          layer: layerLabel(layer),
          step: ratios.trace.steps[i]!,
          ratio: jsonNumber(ratio),
        })),
      );
      return {
        level: bestOf(findings.map((finding) => finding.level)),
        findings,
        layers,
        lossCurve: {
          shape: analysis.shape,
          plateau: jsonNumber(analysis.plateau ?? undefined),
          losses: losses.map((l) => jsonNumber(l)),
        },
        final: {
          trainAccuracy: jsonNumber(trainLogs.accuracy),
          validationAccuracy: jsonNumber(validationLogs.accuracy),
          trainLoss: jsonNumber(trainLogs.loss),
          validationLoss: jsonNumber(validationLogs.loss),
        },
        epochs,
        updateRatios,
        plots: trainingHealthPlots(losses, updateRatios, epochs, layers),
      };
    } finally {
      optimizer.dispose();
      model.dispose();
      disposeExperimentData(data);
    }
  },
});

function layerHealth(
  model: Sequential,
  ratios: Record<string, number[]>,
  reluLike: readonly ReluLikeLayer[],
  deadBefore: readonly number[],
  deadAfter: readonly number[],
): LayerHealth[] {
  const paths = new Set<string>([
    ...Object.keys(ratios),
    ...reluLike.map((layer) => String(layer.index)),
  ]);
  const order = (path: string) => Number(path.split('.')[0]) * 1000 + path.length;
  return [...paths]
    .sort((a, b) => order(a) - order(b))
    .map((path) => {
      const relu = reluLike.findIndex((layer) => String(layer.index) === path);
      return {
        layer: layerLabel(path),
        kernel: ratios[path] !== undefined,
        medianUpdateRatio: ratios[path] ? jsonNumber(median(ratios[path])) : null,
        deadUnitsBefore: relu >= 0 ? deadBefore[relu]! : null,
        deadUnitsAfter: relu >= 0 ? deadAfter[relu]! : null,
        units:
          relu >= 0
            ? reluLike[relu]!.units
            : (model.namedParameters().get(`${path}.kernel`)?.shape[1] ?? null),
      };
    });
}

/**
 * Runs the training-health diagnosis (see {@link trainingHealthExperiment}).
 *
 * ```ts
 * const { level, findings } = await trainingHealth({ optimizer: { type: 'sgd', learningRate: 1e-5 } });
 * findings.filter((f) => f.level !== 'ok').map((f) => f.message);
 * ```
 */
export const trainingHealth = trainingHealthExperiment.run;
