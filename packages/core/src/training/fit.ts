import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { valueAndGrad } from '../autograd/grad.js';
import { ready } from '../backend/backend.js';
import { hostValues } from '../backend/host-values.js';
import { FaninError } from '../errors.js';
import { resolveMetrics } from '../metrics/resolve-metrics.js';
import type { Module } from '../modules/module.js';
import { Random } from '../random/random.js';
import { BatchTaker, batchRanges, checkBatchSize, exampleCount } from './batches.js';
import { evaluate } from './evaluate.js';
import { eventLoopYielder } from './event-loop.js';
import type { Callback, CallbackContext, FitOptions, History, Logs, TensorData } from './types.js';

type Hook = keyof Callback;

/** Why fit stops when its signal is aborted. */
export const ABORTED = 'aborted';

function checkOptions(options: FitOptions): void {
  if (!options || typeof options !== 'object')
    throw new FaninError('INVALID_OPTION', 'fit: options { epochs, optimizer, loss } are required');
  if (!Number.isInteger(options.epochs) || options.epochs < 0) {
    throw new FaninError(
      'INVALID_OPTION',
      `fit: "epochs" must be an integer >= 0, got ${options.epochs}`,
    );
  }
  if (!options.optimizer || typeof options.optimizer.step !== 'function') {
    throw new FaninError(
      'INVALID_OPTION',
      'fit: "optimizer" must be an optimizer',
      "Create one with registry.optimizer('adam')",
    );
  }
  if (!options.loss || typeof options.loss.compute !== 'function') {
    throw new FaninError(
      'INVALID_OPTION',
      'fit: "loss" must be a loss',
      "Create one with registry.loss('softmaxCrossEntropy')",
    );
  }
}

/**
 * Trains a model on `{ x, y }` with mini-batch gradient descent and returns the per-epoch
 * history, like Keras's `model.fit` written as PyTorch's loop:
 *
 * - each epoch visits the examples in an order shuffled by `Random(seed).fork("shuffle", epoch)`
 *   (`shuffle: false` keeps them in order), in batches of `batchSize`, the last one partial;
 * - each batch runs the model in training mode, takes the gradient of the loss over
 *   `model.namedParameters()` (frozen modules excluded) and calls `optimizer.step`;
 * - batch logs hold the batch's loss and metrics (computed on the predictions before the
 *   step); epoch logs their example-weighted means, plus `val_loss`, `val_<metric>` from
 *   `validationData` evaluated in inference mode after the epoch;
 * - callbacks run in order and may be async; `context.stop(reason)` or aborting `signal` ends
 *   training after the current batch; an epoch cut short is not recorded in the history;
 * - it yields to the event loop after every batch so that an abort (or Ctrl-C) is seen.
 *
 * It leaves no tensors behind: every intermediate is disposed, so the live tensor count is
 * the same at the end of every epoch (the optimizer's state, created on its first step, is
 * the optimizer's to dispose).
 *
 * ```ts
 * const history = await fit(model, { x, y }, {
 *   epochs: 10, batchSize: 64, optimizer: fanin.optimizer('adam'), loss: fanin.loss('softmaxCrossEntropy'),
 *   validationData: { x: xTest, y: yTest },
 * });
 * history.logs.val_accuracy; // one number per epoch
 * ```
 */
export async function fit(model: Module, data: TensorData, options: FitOptions): Promise<History> {
  checkOptions(options);
  const count = exampleCount(data, 'fit');
  const batchSize = checkBatchSize(options.batchSize, 'fit');
  if (options.validationData) exampleCount(options.validationData, 'fit: validationData');
  const metrics = resolveMetrics(options.metrics, options.loss);
  const { optimizer, loss, signal } = options;
  const callbacks = options.callbacks ?? [];
  const shuffle = options.shuffle ?? true;
  const random = new Random(options.seed ?? 0);
  const pause = eventLoopYielder();
  await ready();
  model.ensureBuilt([batchSize, ...data.x.shape.slice(1)]);

  const history: Record<string, number[]> = {};
  let epochsDone = 0;
  let step = 0;
  let stopReason: string | undefined;
  let stoppedAt: { epoch: number; batch: number } | undefined;
  const stop = (reason?: string) => {
    stopReason ??= reason ?? 'stopped by a callback';
  };
  const context = (
    epoch: number,
    batch: number,
    logs: Logs,
    gradients?: ReadonlyMap<string, Tensor>,
  ): CallbackContext => ({
    model,
    optimizer,
    epoch,
    batch,
    step,
    logs,
    ...(gradients ? { gradients } : {}),
    stop,
  });
  const call = async (hook: Hook, made: () => CallbackContext) => {
    let shared: CallbackContext | undefined;
    for (const callback of callbacks) {
      const fn = callback[hook];
      if (!fn) continue;
      shared ??= made();
      await fn.call(callback, shared);
    }
  };
  const hasHook = (hook: Hook) =>
    callbacks.some((callback) => typeof callback[hook] === 'function');
  const observeSteps = hasHook('onBeforeStep') || hasHook('onAfterStep');
  const checkAbort = () => {
    if (signal?.aborted) stopReason ??= ABORTED;
  };

  const takeX = new BatchTaker(data.x);
  const takeY = new BatchTaker(data.y);
  await call('onTrainBegin', () => context(0, 0, {}));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    checkAbort();
    if (stopReason !== undefined) break;
    await call('onEpochBegin', () => context(epoch, 0, {}));
    checkAbort();
    if (stopReason !== undefined) break;
    const order = shuffle
      ? Int32Array.from(random.fork('shuffle', epoch).permutation(count))
      : undefined;
    const names = ['loss', ...metrics.map((m) => m.name)];
    const sums = new Float64Array(names.length);
    let seen = 0;
    const ranges = batchRanges(count, batchSize);
    for (let batch = 0; batch < ranges.length; batch++) {
      const range = ranges[batch]!;
      const x = takeX.take(range, order);
      const y = takeY.take(range, order);
      let predictions: Tensor | undefined;
      const { value, grads } = valueAndGrad(() => {
        const output = model.apply(x, { training: true });
        predictions = tf.keep(output);
        return loss.compute(output, y);
      }, model.namedParameters());
      let numbers: ArrayLike<number>;
      try {
        const values = batchNumbers(
          value,
          tf.tidy(() => metrics.map((m) => m.compute(predictions!, y))),
        );
        if (observeSteps) await call('onBeforeStep', () => context(epoch, batch, {}, grads));
        optimizer.step(model.namedParameters(), grads);
        step += 1;
        if (observeSteps) await call('onAfterStep', () => context(epoch, batch, {}, grads));
        numbers = await values();
      } finally {
        tf.dispose([x, y, value, ...grads.values()]);
        if (predictions) predictions.dispose();
      }
      const batchLogs: Record<string, number> = {};
      for (let i = 0; i < names.length; i++) {
        batchLogs[names[i]!] = numbers[i]!;
        sums[i] = sums[i]! + numbers[i]! * range.size;
      }
      seen += range.size;
      await call('onBatchEnd', () => context(epoch, batch, batchLogs));
      await pause();
      checkAbort();
      if (stopReason !== undefined && batch < ranges.length - 1) {
        stoppedAt = { epoch, batch };
        break;
      }
    }
    if (stoppedAt) break;
    const epochLogs: Record<string, number> = {};
    names.forEach((name, i) => {
      epochLogs[name] = sums[i]! / seen;
    });
    if (options.validationData) {
      const validation = await evaluate(model, options.validationData, {
        loss,
        metrics,
        batchSize,
      });
      for (const [name, value] of Object.entries(validation)) epochLogs[`val_${name}`] = value;
    }
    for (const [name, value] of Object.entries(epochLogs)) {
      history[name] ??= [];
      history[name].push(value);
    }
    epochsDone += 1;
    await call('onEpochEnd', () => context(epoch, ranges.length - 1, epochLogs));
    if (stopReason !== undefined) break;
  }
  await call('onTrainEnd', () => context(Math.max(0, epochsDone - 1), 0, lastLogs(history)));
  return {
    epochs: epochsDone,
    logs: history,
    ...(stopReason !== undefined ? { stopReason } : {}),
    ...(stoppedAt ? { stoppedAt } : {}),
  };
}

/**
 * Reads a batch's loss and metric scalars, disposing the metrics. On cpu and wasm they are
 * read from the host at once (no kernel); elsewhere they are stacked into one tensor read
 * back after the optimizer step has been queued, so a GPU backend syncs once per batch.
 */
function batchNumbers(loss: Tensor, metricValues: Tensor[]): () => Promise<ArrayLike<number>> {
  const scalars = [loss, ...metricValues];
  const host = scalars.map(hostValues);
  if (host.every((values) => values !== undefined)) {
    const numbers = host.map((values) => values[0]!);
    tf.dispose(metricValues);
    return async () => numbers;
  }
  const stacked = tf.tidy(() => tf.stack(scalars));
  tf.dispose(metricValues);
  return async () => {
    try {
      return await stacked.data();
    } finally {
      stacked.dispose();
    }
  };
}

function lastLogs(history: Record<string, number[]>): Logs {
  return Object.fromEntries(
    Object.entries(history).map(([name, values]) => [name, values[values.length - 1]!]),
  );
}
