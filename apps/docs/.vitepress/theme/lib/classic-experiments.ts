import type { ProgressEvent } from '@fanin/experiments';
import { experiments } from '@fanin/experiments';
import { registry } from './demo-registry.js';

/** The distribution lab's settings: one cell of the activation-distributions experiment. */
export interface DistributionSettings {
  readonly initializer: { readonly type: string } & Readonly<Record<string, unknown>>;
  readonly activation: string;
  readonly layers: number;
  readonly units: number;
}

/**
 * Runs the classic activation-distributions experiment for one initializer and one activation:
 * 1000 samples of N(0, 1) through `layers` bias-free dense layers of `units` units.
 */
export function distributionExperiment(settings: DistributionSettings, signal?: AbortSignal) {
  return experiments.activationDistributions.run(
    {
      initializers: [settings.initializer],
      activations: [settings.activation],
      layers: settings.layers,
      units: settings.units,
      samples: 1000,
      bins: 30,
      seed: 1,
    },
    { registry, ...(signal ? { signal } : {}) },
  );
}

/** The batch norm lab's settings: one weight scale of the batch-norm comparison experiment. */
export interface BatchNormLabSettings {
  /** Standard deviation of every kernel's initial values. */
  readonly weightScale: number;
  readonly epochs: number;
}

/**
 * The batch-norm comparison experiment at one weight scale, sized for a browser tab: 5 hidden relu
 * layers of 64 units, with and without batch norm, on 360 training and 90 validation points
 * of a 3-arm spiral, SGD with momentum. Same data, initial weights and batches for both.
 */
export function batchNormLabConfig(settings: BatchNormLabSettings) {
  return {
    dataset: { type: 'spiral', classes: 3, pointsPerClass: 150, noise: 0.2, seed: 1 },
    trainSamples: 360,
    validationSamples: 90,
    scales: 1,
    maxScale: settings.weightScale,
    minScale: settings.weightScale,
    hiddenLayers: 5,
    units: 64,
    activation: 'relu',
    normalization: 'batchNorm',
    optimizer: { type: 'momentum', learningRate: 0.05 },
    epochs: settings.epochs,
    batchSize: 32,
    seed: 1,
  };
}

export function batchNormLabExperiment(
  settings: BatchNormLabSettings,
  onProgress: (event: ProgressEvent) => void,
  signal?: AbortSignal,
) {
  return experiments.batchNormComparison.run(batchNormLabConfig(settings), {
    registry,
    onProgress,
    ...(signal ? { signal } : {}),
  });
}
