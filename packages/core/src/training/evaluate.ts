import type { Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { resolveMetrics } from '../metrics/resolve-metrics.js';
import type { Module } from '../modules/module.js';
import { BatchTaker, batchRanges, checkBatchSize, exampleCount } from './batches.js';
import { eventLoopYielder } from './event-loop.js';
import type { EvaluateOptions, Logs, PredictOptions, TensorData } from './types.js';

/**
 * The loss and metrics of a model on a data set, in inference mode (running statistics,
 * no dropout), computed in batches and averaged over examples. Like Keras's
 * `model.evaluate`; returns `{ loss, accuracy, ... }`.
 */
export async function evaluate(
  model: Module,
  data: TensorData,
  options: EvaluateOptions,
): Promise<Logs> {
  const count = exampleCount(data, 'evaluate');
  const batchSize = checkBatchSize(options.batchSize, 'evaluate');
  const metrics = resolveMetrics(options.metrics, options.loss);
  const names = ['loss', ...metrics.map((m) => m.name)];
  const sums = new Float64Array(names.length);
  const pause = eventLoopYielder();
  model.ensureBuilt([batchSize, ...data.x.shape.slice(1)]);
  const takeX = new BatchTaker(data.x);
  const takeY = new BatchTaker(data.y);
  for (const range of batchRanges(count, batchSize)) {
    const values = tf.tidy(() => {
      const x = takeX.take(range, undefined);
      const y = takeY.take(range, undefined);
      const predictions = model.apply(x, { training: false });
      return tf.stack([
        options.loss.compute(predictions, y),
        ...metrics.map((m) => m.compute(predictions, y)),
      ]);
    });
    const numbers = await values.data();
    values.dispose();
    for (let i = 0; i < names.length; i++) sums[i]! += numbers[i]! * range.size;
    await pause();
  }
  return Object.fromEntries(names.map((name, i) => [name, sums[i]! / count]));
}

/**
 * The model's outputs for every example of `x`, computed in batches in inference mode and
 * concatenated. The caller owns the returned tensor.
 */
export function predict(model: Module, x: Tensor, options: PredictOptions = {}): Tensor {
  const count = exampleCount({ x, y: x }, 'predict');
  const batchSize = checkBatchSize(options.batchSize, 'predict');
  const take = new BatchTaker(x);
  return tf.tidy(() => {
    const outputs = batchRanges(count, batchSize).map((range) =>
      model.apply(take.take(range, undefined), { training: false }),
    );
    return outputs.length === 1 ? outputs[0]! : tf.concat(outputs, 0);
  });
}
