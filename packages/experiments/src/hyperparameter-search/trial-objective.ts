import { type Callback, type EntryConfig, fit, type ModelConfig, type Registry } from '@fanin/core';
import { type TrialHandle, TrialPruned } from '@fanin/search';
import { buildExperimentModel, type ExperimentData } from '../shared/data.js';

/**
 * Everything a trial needs besides its sampled parameters, as JSON (it is sent to worker
 * processes as is). Stored with the study, so a resumed sweep checks it is the same.
 */
export interface TrialSettings {
  readonly dataset: EntryConfig;
  readonly trainSamples: number;
  readonly validationSamples: number;
  /** The full model config (inputShape filled in). */
  readonly model: ModelConfig;
  /** The optimizer; the trial sets its `learningRate` and `weightDecay`. */
  readonly optimizer: EntryConfig;
  readonly batchSize: number;
  /** The training loss is reported to the pruner every this many steps (and at step 1). */
  readonly reportEvery: number;
  /** Seed of the data split (trial seeds come from the study). */
  readonly seed: number;
}

/** A trial's learning curve, stored as its `curve` user attribute. */
export interface TrialCurve {
  readonly epoch: number[];
  readonly loss: number[];
  readonly accuracy: number[];
  readonly val_loss: number[];
  readonly val_accuracy: number[];
}

/** The parameters every trial of the study samples. */
export interface SearchParams {
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly [name: string]: number;
}

function withParams(optimizer: EntryConfig, params: SearchParams): EntryConfig {
  const base = typeof optimizer === 'string' ? { type: optimizer } : optimizer;
  return { ...base, learningRate: params.learningRate, weightDecay: params.weightDecay };
}

/**
 * Runs one trial: builds the model with the trial's seed, trains it for the stage's epochs
 * with the sampled learning rate and weight decay, and returns the final validation loss
 * (the value the study minimizes). The training loss goes to the pruner at step 1 and every
 * `reportEvery` steps (and at once when it is NaN or infinite): when the pruner says stop
 * (for `divergence`: NaN, or above 3× the first report) training stops and the study records
 * the trial as pruned with the pruner's reason; a non-finite loss the pruner lets through
 * stops the trial too (pruned, "diverged"). The per-epoch curve and the final
 * validation accuracy are stored as the trial's `curve` and `valAccuracy` attributes.
 */
export async function runTrial(
  trial: TrialHandle,
  settings: TrialSettings,
  data: ExperimentData,
  registry: Registry,
): Promise<number> {
  const params = trial.params as SearchParams;
  const model = buildExperimentModel(settings.model, registry, trial.seed);
  const optimizer = registry.create('optimizer', withParams(settings.optimizer, params));
  const curve: TrialCurve = { epoch: [], loss: [], accuracy: [], val_loss: [], val_accuracy: [] };
  // Set when the study's pruner said stop: the objective then returns normally and the
  // study records the trial as pruned, with the pruner's reason.
  let prunedAt: number | undefined;
  // Set when the loss is NaN or infinite and the pruner did not stop the trial.
  let diverged: string | undefined;
  let lastReported = Number.NaN;
  const reporter: Callback = {
    async onBatchEnd({ step, logs, stop }) {
      if (prunedAt !== undefined || diverged !== undefined) return;
      const loss = logs.loss ?? Number.NaN;
      if (Number.isFinite(loss) && step !== 1 && step % settings.reportEvery !== 0) return;
      await trial.report(step, loss);
      lastReported = loss;
      if (await trial.shouldPrune()) {
        prunedAt = step;
        stop(`pruned at step ${step}`);
      } else if (!Number.isFinite(loss)) {
        diverged = `diverged: training loss ${loss} at step ${step}`;
        stop(diverged);
      }
    },
    onEpochEnd({ epoch, logs }) {
      curve.epoch.push(epoch + 1);
      curve.loss.push(logs.loss ?? Number.NaN);
      curve.accuracy.push(logs.accuracy ?? Number.NaN);
      curve.val_loss.push(logs.val_loss ?? Number.NaN);
      curve.val_accuracy.push(logs.val_accuracy ?? Number.NaN);
    },
  };
  try {
    await fit(model, data.train, {
      epochs: trial.epochs ?? 1,
      batchSize: settings.batchSize,
      optimizer,
      loss: registry.loss('softmaxCrossEntropy'),
      metrics: ['accuracy'],
      validationData: data.validation!,
      seed: trial.seed,
      callbacks: [reporter],
    });
  } finally {
    optimizer.dispose();
    model.dispose();
  }
  await trial.setUserAttr('curve', curve as never);
  if (prunedAt !== undefined) return lastReported;
  if (diverged !== undefined) throw new TrialPruned(diverged);
  const value = curve.val_loss.at(-1) ?? Number.NaN;
  await trial.setUserAttr('valAccuracy', curve.val_accuracy.at(-1) ?? Number.NaN);
  if (!Number.isFinite(value)) throw new TrialPruned(`diverged: validation loss ${value}`);
  return value;
}
