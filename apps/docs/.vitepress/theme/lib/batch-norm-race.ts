import { buildModel, type Callback, fit, type Registry, tf } from '@fanin/core';
import { makeSpiral, splitDataset } from '@fanin/datasets';

/** One network of the race. */
export type Contender = 'plain' | 'batchNorm';

export interface RaceSettings {
  /** Standard deviation of every kernel's initial values (the classic sweeps 1 down to 1e-4). */
  readonly weightScale: number;
  readonly depth: number;
  readonly width: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly seed: number;
}

/** Per-epoch numbers of one contender, as they arrive. */
export interface EpochPoint {
  readonly contender: Contender;
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valAccuracy: number;
}

/**
 * The model config of a contender: `depth` dense relu layers whose kernels are drawn from
 * N(0, weightScale^2), with batch norm between each dense layer and its activation for the
 * batch-norm contender, then a 3-way output layer.
 */
export function raceModelConfig(contender: Contender, settings: RaceSettings) {
  const hidden = Array.from({ length: settings.depth }, () => ({
    dense: settings.width,
    activation: 'relu',
    init: { type: 'normal', std: settings.weightScale },
    ...(contender === 'batchNorm' ? { norm: 'batchNorm' } : {}),
  }));
  return {
    inputShape: [2],
    seed: settings.seed,
    layers: [...hidden, { dense: 3, init: { type: 'normal', std: settings.weightScale } }],
  };
}

/**
 * Trains the same network with and without batch norm on a 3-arm spiral (same data, same
 * initial weights, same batches), one after the other, reporting every epoch.
 */
export async function batchNormRace(
  registry: Registry,
  settings: RaceSettings,
  onEpoch: (point: EpochPoint) => void,
  signal?: AbortSignal,
): Promise<EpochPoint[]> {
  const data = makeSpiral({ classes: 3, pointsPerClass: 150, noise: 0.2, seed: settings.seed });
  const { train, validation } = splitDataset(data, {
    train: 0.8,
    validation: 0.2,
    seed: settings.seed,
    stratify: true,
  });
  tf.dispose([data.x, data.y]);
  const points: EpochPoint[] = [];
  try {
    for (const contender of ['plain', 'batchNorm'] as const) {
      const model = buildModel(raceModelConfig(contender, settings), { registry });
      const optimizer = registry.optimizer('momentum', { learningRate: settings.learningRate });
      const reporter: Callback = {
        onEpochEnd({ epoch, logs }) {
          const point = {
            contender,
            epoch: epoch + 1,
            loss: logs.loss ?? Number.NaN,
            accuracy: logs.accuracy ?? Number.NaN,
            valAccuracy: logs.val_accuracy ?? Number.NaN,
          };
          points.push(point);
          onEpoch(point);
        },
      };
      try {
        await fit(model, train, {
          epochs: settings.epochs,
          batchSize: settings.batchSize,
          optimizer,
          loss: registry.loss('softmaxCrossEntropy'),
          metrics: ['accuracy'],
          validationData: validation,
          callbacks: [reporter],
          seed: settings.seed,
          ...(signal ? { signal } : {}),
        });
      } finally {
        optimizer.dispose();
        model.dispose();
      }
      if (signal?.aborted) break;
    }
  } finally {
    tf.dispose([train.x, train.y, validation.x, validation.y]);
  }
  return points;
}
