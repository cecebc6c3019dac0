import { FaninError, type ModelConfig, type Registry } from '@fanin/core';
import {
  type Dataset,
  type DatasetSource,
  disposeDataset,
  type ExampleShape,
  type ImageDataset,
  imageShape,
  loadSplits,
} from '@fanin/datasets';
import type { TrainingConfig } from '../config/model-file.js';

/** The examples a model trains and validates on: rows `[N, features]` or images `[N, H, W, C]`. */
export interface TrainingData {
  readonly source: DatasetSource;
  readonly train: Dataset | ImageDataset;
  readonly validation: Dataset | ImageDataset | undefined;
}

/** Releases the tensors of {@link loadTrainingData}. */
export function disposeTrainingData(data: TrainingData): void {
  disposeDataset(data.train, data.validation);
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * How a dataset's examples are served to a model, from the model's `inputShape`: flat rows
 * when it is `[features]` (`[784]` for MNIST), images (NHWC) when it is the dataset's image
 * shape (`[28, 28, 1]`). Anything else is a SHAPE_MISMATCH error naming the shapes that fit,
 * e.g. for `[28, 28, 3]` or the channels-first `[1, 28, 28]`.
 */
export function exampleLayout(
  inputShape: readonly number[],
  source: Pick<DatasetSource, 'name' | 'features' | 'exampleShape'>,
): ExampleShape {
  const { features } = source;
  if (inputShape.length === 1 && inputShape[0] === features) return 'flat';
  const exampleShape = source.exampleShape ?? [features];
  const image =
    exampleShape.length === 2 || exampleShape.length === 3 ? imageShape(exampleShape) : undefined;
  if (image && shapeText(inputShape) === shapeText(image)) return 'image';
  const [height, width, channels] = image ?? [];
  const inputs = inputShape.reduce((product, dim) => product * dim, 1);
  const described = image
    ? `are ${height} x ${width} images with ${channels} channel${channels === 1 ? '' : 's'} (${features} features)`
    : `have ${features} features`;
  const channelsFirst =
    image &&
    inputShape.length === 3 &&
    shapeText(inputShape) === shapeText([channels!, height!, width!])
      ? ' (fanin is channels last, NHWC)'
      : '';
  throw new FaninError(
    'SHAPE_MISMATCH',
    `inputShape: ${shapeText(inputShape)} (${inputs} inputs) does not fit dataset "${source.name}", whose examples ${described}${channelsFirst}`,
    image
      ? `Use "inputShape": [${features}] for rows or ${shapeText(image)} for images`
      : `Use "inputShape": [${features}]`,
  );
}

/**
 * Creates the dataset of a training section, checks that one example fits the model's
 * `inputShape` (rows or images, see {@link exampleLayout}), and takes the seeded
 * (stratified) training and validation parts, as images when the model takes images: the
 * same split either way.
 */
export async function loadTrainingData(
  model: ModelConfig,
  training: TrainingConfig,
  registry: Registry,
): Promise<TrainingData> {
  const source = registry.create('dataset', training.dataset as never);
  const shape = exampleLayout(model.inputShape, source);
  const splits = await loadSplits(source, {
    train: training.train,
    ...(training.validation > 0 ? { validation: training.validation } : {}),
    seed: training.seed,
    stratify: training.stratify,
    shape,
  });
  return { source, train: splits.train, validation: splits.validation };
}
