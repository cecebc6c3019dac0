import type { Registry } from '@fanin/core';
import type { Objective, TrialHandle } from '@fanin/search';
import type { ObjectiveName } from '../config/sweep-section.js';
import { loadTrainingData, type TrainingData } from '../training/load-data.js';
import { trainModel } from '../training/train-model.js';
import type { ModelJson } from './apply-params.js';
import { trialDocument } from './sweep-file.js';

/** What a trial needs to know about its sweep, as plain data (it crosses to worker processes). */
export interface ObjectiveSpec {
  readonly base: ModelJson;
  readonly objective: ObjectiveName;
  readonly source: string;
}

const datasets = new Map<string, Promise<TrainingData>>();

/**
 * The sweep objective: lays the trial's parameters into the model, trains it for the stage's
 * epochs with the health callback (which reports the objective to the trial every epoch, so
 * pruners can stop it, and records learning curves and update ratios), and returns the
 * objective's value at the last epoch. The dataset split is loaded once per process and
 * shared by its trials (it depends on the training section, not on the parameters, unless a
 * parameter changes the split itself).
 */
export function sweepObjective(
  spec: ObjectiveSpec,
  registry: Registry,
  signal?: AbortSignal,
): Objective {
  return async (trial) => runTrial(spec, registry, trial, signal);
}

/** Runs one trial of a sweep (see {@link sweepObjective}). */
export async function runTrial(
  spec: ObjectiveSpec,
  registry: Registry,
  trial: TrialHandle,
  signal?: AbortSignal,
): Promise<number> {
  const document = trialDocument(
    spec.base,
    trial.params,
    registry,
    `${spec.source} trial ${trial.number}`,
  );
  const { training } = document;
  const key = JSON.stringify([
    training.dataset,
    training.train,
    training.validation,
    training.seed,
    training.stratify,
    document.model.inputShape,
  ]);
  let loading = datasets.get(key);
  if (!loading) {
    loading = loadTrainingData(document.model, training, registry);
    datasets.set(key, loading);
    loading.catch(() => datasets.delete(key));
  }
  const data = await loading;
  const trained = await trainModel({
    model: document.model,
    training,
    registry,
    data,
    epochs: trial.epochs ?? training.epochs,
    trial,
    monitor: spec.objective,
    ...(signal ? { signal } : {}),
  });
  try {
    const series = trained.history.logs[spec.objective];
    const value = series?.[series.length - 1];
    if (value === undefined) {
      if (trained.history.stopReason) return Number.NaN;
      throw new Error(`training logged no "${spec.objective}"`);
    }
    return value;
  } finally {
    trained.model.dispose();
    trained.optimizer.dispose();
  }
}
