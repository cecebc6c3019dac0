import { option, type Registry } from '@fanin/core';
import { referenceOption } from './resolve-section.js';

/**
 * The `training` section of a model config (`fanin train`, `fanin check`, `fanin sweep`):
 * what to train on and how. Declared once; validation, `--flags`, the JSON Schema and the
 * docs come from it.
 */
export function trainingShape(registry: Registry) {
  return {
    dataset: referenceOption(registry, 'dataset', {
      description:
        'The dataset: a registered name ("mnist", "spiral", "blobs", "xor") or { "type": name, ...options }',
      default: 'mnist',
    }),
    train: option.number({
      description: 'Training examples: a count, or a fraction of the dataset in (0, 1)',
      default: 0.8,
      greaterThan: 0,
    }),
    validation: option.number({
      description:
        'Validation examples held out from training: a count, or a fraction in (0, 1); 0 for none',
      default: 0.2,
      min: 0,
    }),
    stratify: option.boolean({
      description: "Keep each class's share in the training and validation parts",
      default: true,
    }),
    epochs: option.integer({
      description: 'Passes over the training examples',
      default: 5,
      min: 1,
    }),
    batchSize: option.integer({ description: 'Examples per optimizer step', default: 64, min: 1 }),
    optimizer: referenceOption(registry, 'optimizer', {
      description:
        'The optimizer: a name ("adam", "sgd", ...) or { "type": name, "learningRate": ..., ... }',
      default: 'adam',
    }),
    loss: referenceOption(registry, 'loss', {
      description: 'The loss, computed on the logits (put no softmax at the end of the model)',
      default: 'softmaxCrossEntropy',
    }),
    seed: option.integer({
      description: 'Seed of the split and the shuffling (the weights use the model\'s "seed")',
      default: 0,
      min: 0,
      max: 2 ** 32 - 1,
    }),
  } as const;
}

export type TrainingShape = ReturnType<typeof trainingShape>;
