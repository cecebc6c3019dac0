import { FaninError, type ModelConfig, type Registry } from '@fanin/core';
import { type Dataset, type DatasetSource, disposeDataset, loadSplits } from '@fanin/datasets';
import type { TrainingConfig } from '../config/model-file.js';

/** The examples a model trains and validates on. */
export interface TrainingData {
  readonly source: DatasetSource;
  readonly train: Dataset;
  readonly validation: Dataset | undefined;
}

/** Releases the tensors of {@link loadTrainingData}. */
export function disposeTrainingData(data: TrainingData): void {
  disposeDataset(data.train, data.validation);
}

/**
 * Creates the dataset of a training section, checks that one example fits the model's
 * `inputShape`, and takes the seeded (stratified) training and validation parts.
 */
export async function loadTrainingData(
  model: ModelConfig,
  training: TrainingConfig,
  registry: Registry,
): Promise<TrainingData> {
  const source = registry.create('dataset', training.dataset as never);
  const inputs = model.inputShape.reduce((product, dim) => product * dim, 1);
  if (inputs !== source.features)
    throw new FaninError(
      'SHAPE_MISMATCH',
      `inputShape: [${model.inputShape.join(', ')}] (${inputs} inputs) does not fit dataset "${source.name}", whose examples have ${source.features} features`,
      `Use "inputShape": [${source.features}]`,
    );
  const splits = await loadSplits(source, {
    train: training.train,
    ...(training.validation > 0 ? { validation: training.validation } : {}),
    seed: training.seed,
    stratify: training.stratify,
  });
  return { source, train: splits.train, validation: splits.validation };
}
