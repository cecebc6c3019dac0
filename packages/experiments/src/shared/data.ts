import {
  buildModel,
  checkModelConfig,
  type EntryConfig,
  type ModelConfig,
  type Registry,
  type Sequential,
} from '@fanin/core';
import {
  type Dataset,
  type DatasetSource,
  disposeDataset,
  type ExampleShape,
  type ImageDataset,
  imageShape,
  loadSplits,
} from '@fanin/datasets';
import { ExperimentConfigError } from './errors.js';
import type { ExperimentModelConfig } from './options.js';

/**
 * The parts of a dataset an experiment trains and validates on (images `[N, H, W, C]` when
 * asked for).
 */
export interface ExperimentData<D extends Dataset | ImageDataset = Dataset> {
  readonly source: DatasetSource;
  readonly train: D;
  readonly validation: D | undefined;
}

/**
 * Loads a dataset from the registry and takes seeded, stratified, disjoint training and
 * validation parts of the given sizes (`validation` 0 for none), as rows or (`shape`
 * "image") as NHWC images, which the dataset must have (MNIST: `[28, 28, 1]`). The caller
 * disposes them with {@link disposeExperimentData}.
 */
export async function loadExperimentData<S extends ExampleShape = 'flat'>(
  experiment: string,
  registry: Registry,
  dataset: EntryConfig,
  sizes: { readonly train: number; readonly validation: number },
  seed: number,
  shape: S = 'flat' as S,
): Promise<ExperimentData<S extends 'image' ? ImageDataset : Dataset>> {
  const source = registry.create('dataset', dataset);
  if (shape === 'image') {
    try {
      imageShape(source.exampleShape ?? [source.features]);
    } catch {
      throw new ExperimentConfigError(
        experiment,
        `the cnn needs images, but dataset "${source.name}" has examples of ${source.features} features with no image shape`,
        'Use an image dataset such as "mnist", or model "mlp"',
      );
    }
  }
  const wanted = sizes.train + sizes.validation;
  if (wanted > source.examples) {
    throw new ExperimentConfigError(
      experiment,
      `asks for ${sizes.train} training and ${sizes.validation} validation examples but dataset "${source.name}" has ${source.examples}`,
      'Lower the sample counts',
    );
  }
  const splits = await loadSplits(source, {
    train: sizes.train,
    ...(sizes.validation > 0 ? { validation: sizes.validation } : {}),
    seed,
    stratify: true,
    shape,
  });
  return { source, train: splits.train, validation: splits.validation } as never;
}

/** Releases the tensors of {@link loadExperimentData}. */
export function disposeExperimentData(data: ExperimentData<Dataset | ImageDataset>): void {
  disposeDataset(data.train);
  if (data.validation) disposeDataset(data.validation);
}

/**
 * The full model config for a dataset: `inputShape` filled in with the number of features
 * (or checked against it), validated against the registry with the path of any mistake.
 */
export function modelConfigFor(
  experiment: string,
  model: ExperimentModelConfig,
  features: number,
  registry: Registry,
): ModelConfig {
  const inputShape = model.inputShape ?? [features];
  const size = inputShape.reduce((product, dim) => product * dim, 1);
  if (size !== features) {
    throw new ExperimentConfigError(
      experiment,
      `the model's inputShape [${inputShape.join(', ')}] does not fit the dataset's ${features} features`,
      'Leave inputShape out: it defaults to the dataset',
    );
  }
  const config: ModelConfig = { ...model, inputShape };
  try {
    checkModelConfig(config, registry);
  } catch (error) {
    if (error instanceof Error)
      error.message = `experiment "${experiment}": option "model": ${error.message}`;
    throw error;
  }
  return config;
}

/** Builds a model from a checked config with the given seed. */
export function buildExperimentModel(
  config: ModelConfig,
  registry: Registry,
  seed: number,
): Sequential {
  return buildModel(config, { registry, seed });
}
