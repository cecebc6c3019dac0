import {
  buildModel,
  type Callback,
  FaninError,
  fit,
  type History,
  type ModelConfig,
  type Optimizer,
  type Registry,
  type Sequential,
} from '@fanin/core';
import { type HealthRecord, healthCallback, type TrialHandle } from '@fanin/search';
import type { TrainingConfig } from '../config/model-file.js';
import type { Progress } from '../output/progress.js';
import { formatNumber } from '../output/table.js';
import type { TrainingData } from './load-data.js';

/** What {@link trainModel} needs. */
export interface TrainModelOptions {
  readonly model: ModelConfig;
  readonly training: TrainingConfig;
  readonly registry: Registry;
  readonly data: TrainingData;
  /** Seed of the initial weights (default: the model config's). */
  readonly seed?: number;
  /** Epochs (default: the training section's). */
  readonly epochs?: number;
  readonly signal?: AbortSignal;
  /** More callbacks (a sweep trial's pruning). */
  readonly callbacks?: readonly Callback[];
  /** Health telemetry goes to this trial (a sweep trial) as well as to the result. */
  readonly trial?: TrialHandle;
  /** The epoch log reported to the trial (default val_loss with validation data, else loss). */
  readonly monitor?: string;
  readonly progress?: Progress;
}

/** A trained model and how training went. */
export interface TrainedModel {
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly history: History;
  /** Update/parameter ratios per layer, parameter norms, the first non-finite step. */
  readonly health: HealthRecord;
  /** The loss of every batch, in order (the curve's shape tells a bad initialization). */
  readonly batchLosses: number[];
  /** Loss and metrics of the untrained model on its first batch. */
  readonly initialLoss: number | undefined;
}

/** A trial handle that keeps what the health callback records and never prunes. */
function recordingTrial(attributes: Record<string, unknown>, forward?: TrialHandle): TrialHandle {
  return {
    number: forward?.number ?? 0,
    attempt: forward?.attempt ?? 1,
    params: forward?.params ?? {},
    epochs: forward?.epochs,
    seed: forward?.seed ?? 0,
    report: (step, value) => forward?.report(step, value) ?? Promise.resolve(),
    shouldPrune: () => forward?.shouldPrune() ?? Promise.resolve(false),
    async setUserAttr(key, value) {
      attributes[key] = value;
      await forward?.setUserAttr(key, value);
    },
  };
}

/** "loss 0.31  accuracy 91.2%  val_loss 0.35  val_accuracy 90.1%" */
export function describeLogs(logs: Readonly<Record<string, number>>): string {
  return Object.entries(logs)
    .map(([key, value]) =>
      /accuracy/.test(key) && Number.isFinite(value)
        ? `${key} ${(value * 100).toFixed(1)}%`
        : `${key} ${formatNumber(value)}`,
    )
    .join('  ');
}

/**
 * Builds the model of a config and trains it with core's `fit`: the training section's
 * optimizer, loss, batch size, epochs and shuffling seed, validation after every epoch,
 * search's `healthCallback` measuring update/parameter ratios (and stopping at a NaN loss),
 * every batch loss recorded, progress drawn per batch and per epoch.
 */
export async function trainModel(options: TrainModelOptions): Promise<TrainedModel> {
  const { training, registry, data } = options;
  const model = buildModel(options.model, {
    registry,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const outputs = model.outputShape([1, ...options.model.inputShape]);
  const width = outputs[outputs.length - 1];
  if (outputs.length !== 2 || width !== data.source.classes) {
    model.dispose();
    throw new FaninError(
      'SHAPE_MISMATCH',
      `layers: the model outputs [${outputs.slice(1).join(', ')}] per example but dataset "${data.source.name}" has ${data.source.classes} classes`,
      `End the model with { "dense": ${data.source.classes} } (logits, no activation)`,
    );
  }
  const optimizer = registry.create('optimizer', training.optimizer as never);
  const loss = registry.create('loss', training.loss as never);
  const epochs = options.epochs ?? training.epochs;
  const examples = data.train.x.shape[0];
  const batchesPerEpoch = Math.max(1, Math.ceil(examples / training.batchSize));
  const attributes: Record<string, unknown> = {};
  const health = healthCallback(recordingTrial(attributes, options.trial), {
    monitor: options.monitor ?? (data.validation ? 'val_loss' : 'loss'),
  });
  const batchLosses: number[] = [];
  const recorder: Callback = {
    onBatchEnd({ batch, logs }) {
      batchLosses.push(logs.loss ?? Number.NaN);
      options.progress?.partial((batch + 1) / batchesPerEpoch, `loss ${formatNumber(logs.loss)}`);
    },
    onEpochEnd({ epoch, logs }) {
      options.progress?.tick(epoch + 1, describeLogs(logs));
    },
  };
  try {
    const history = await fit(model, data.train, {
      epochs,
      batchSize: training.batchSize,
      optimizer,
      loss,
      ...(data.validation ? { validationData: data.validation } : {}),
      seed: training.seed,
      callbacks: [health, recorder, ...(options.callbacks ?? [])],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      model,
      optimizer,
      history,
      health: attributes.health as HealthRecord,
      batchLosses,
      initialLoss: batchLosses[0],
    };
  } catch (error) {
    model.dispose();
    optimizer.dispose();
    throw error;
  }
}
