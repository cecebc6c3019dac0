import { totalmem } from 'node:os';
import { FaninError } from '@fanin/core';

/** The most values one tensor may hold here: 2^28 float32 (1 GiB), within every backend's reach (wasm's memory is 32-bit). */
export const MAX_TENSOR_VALUES = 2 ** 28;

/**
 * Bytes one parameter costs while training: the weight, its gradient, two Adam moments and
 * the update (float32 each).
 */
const BYTES_PER_PARAMETER = 20;

/** The share of the machine's memory one training run may plan to use. */
const MEMORY_SHARE = 0.5;

/** A model or a batch too big to train here: exit code 2, before anything is allocated. */
export class ModelTooLargeError extends FaninError {
  constructor(message: string, hint: string) {
    super('MODEL_TOO_LARGE', message, hint);
  }
}

const format = (count: number) => count.toLocaleString('en-US');
const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

interface SizedModel {
  readonly inputShape: readonly number[];
  readonly layers: readonly unknown[];
}

/**
 * Checks, before the model is built, that its dense layers fit: each weight matrix within
 * {@link MAX_TENSOR_VALUES}, a batch of activations too, and all parameters within half of
 * this machine's memory at 20 bytes each (weights, gradients, Adam's moments). The message
 * names the layer (`layers[0].dense`, or the flag it came from) and the limit.
 */
export function checkModelSize(
  model: SizedModel,
  batchSize: number,
  options: { flag?: string; memoryBytes?: number } = {},
): void {
  const budget = (options.memoryBytes ?? totalmem()) * MEMORY_SHARE;
  const maxParameters = Math.floor(budget / BYTES_PER_PARAMETER);
  let inputs = model.inputShape.reduce((product, size) => product * size, 1);
  let parameters = 0;
  model.layers.forEach((layer, index) => {
    const units = (layer as { dense?: unknown }).dense;
    if (typeof units !== 'number') return;
    const where = `layers[${index}].dense${options.flag ? ` (${options.flag})` : ''}`;
    const fix = `Use fewer units in ${options.flag ?? `layers[${index}]`}`;
    const weights = inputs * units;
    if (weights > MAX_TENSOR_VALUES)
      throw new ModelTooLargeError(
        `${where}: ${format(units)} units on ${format(inputs)} inputs make a weight matrix of ${format(weights)} values; a tensor holds at most ${format(MAX_TENSOR_VALUES)} (2^28, 1 GiB of float32)`,
        fix,
      );
    if (batchSize * units > MAX_TENSOR_VALUES)
      throw new ModelTooLargeError(
        `${where}: a batch of ${format(batchSize)} examples through ${format(units)} units is ${format(batchSize * units)} values; a tensor holds at most ${format(MAX_TENSOR_VALUES)} (2^28)`,
        `${fix}, or a smaller batch size`,
      );
    parameters += weights + units;
    inputs = units;
  });
  if (parameters > maxParameters)
    throw new ModelTooLargeError(
      `the model has ${format(parameters)} parameters, about ${gigabytes(parameters * BYTES_PER_PARAMETER)} to train; this machine allows ${format(maxParameters)} (half of its ${gigabytes(budget / MEMORY_SHARE)} of memory at ${BYTES_PER_PARAMETER} bytes per parameter)`,
      'Use fewer or narrower layers',
    );
}
