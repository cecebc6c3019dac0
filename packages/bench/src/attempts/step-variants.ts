import { FunctionModule, type Module, Random, Sequential, tf, Dense } from '@fanin/core';
import type { MlpSpec } from '../training/reference-mlp.js';
import { gathered, hostCopied } from '../training/batch-source.js';
import type { SpeedAttempt } from './attempt.js';

/** The reference MLP with `tf.relu` (tfjs's registered Relu gradient) between the layers. */
function kernelReluMlp(spec: MlpSpec): Module {
  const random = new Random(spec.seed).fork('bench', 'model');
  const layers: Module[] = [];
  for (let i = 1; i < spec.sizes.length; i++) {
    layers.push(new Dense({ units: spec.sizes[i]!, random: random.fork(i), path: `layers.${i}` }));
    if (i < spec.sizes.length - 1) layers.push(new FunctionModule('relu', tf.relu));
  }
  const model = new Sequential(layers);
  model.ensureBuilt([spec.batchSize, spec.sizes[0]!]);
  return model;
}

/**
 * ReLU as tfjs's kernel and registered gradient (step, cast, mul) instead of
 * @fanin/activations' custom gradient (step, mul).
 */
export const kernelRelu: SpeedAttempt = {
  name: 'kernelRelu',
  description: "tf.relu with tfjs's registered gradient instead of @fanin/activations' relu",
  backends: ['cpu', 'wasm'],
  parts: { model: kernelReluMlp },
};

/** The step without reading the loss back (`dataSync`): what a sync costs on this backend. */
export const noLossReadback: SpeedAttempt = {
  name: 'noLossReadback',
  description: 'the same step without reading the loss back (no dataSync)',
  backends: ['cpu', 'wasm'],
  parts: { readLoss: false },
};

/**
 * Each step gathers a shuffled batch on the backend (`tf.gather`), as `fit` did before it
 * assembled batches on the host: what that change saves.
 */
export const gatherBatches: SpeedAttempt = {
  name: 'gatherBatches',
  description: 'each step gathers its shuffled batch with tf.gather (what fit did before)',
  backends: ['cpu', 'wasm'],
  parts: { batches: gathered },
};

/**
 * Each step copies its shuffled rows from a host copy of the set and uploads them, as `fit`
 * does on cpu and wasm: what taking batches costs against slicing them once.
 */
export const hostCopyBatches: SpeedAttempt = {
  name: 'hostCopyBatches',
  description: 'each step copies its shuffled rows on the host and uploads them (as fit does)',
  backends: ['cpu', 'wasm'],
  parts: { batches: hostCopied },
};
