import { ExperimentConfigError } from './errors.js';

/**
 * The most values an experiment puts in one tensor or keeps for one plot: 2^28 float32 (1 GiB),
 * within reach of every backend (wasm's memory is 32-bit) and of a browser tab.
 */
export const MAX_TENSOR_VALUES = 2 ** 28;

/** Throws ExperimentConfigError, with the limit, when `count` values would not fit; checked before allocating. */
export function checkValueCount(
  experiment: string,
  what: string,
  count: number,
  fix: string,
): void {
  if (count <= MAX_TENSOR_VALUES) return;
  throw new ExperimentConfigError(
    experiment,
    `${what} is ${count.toLocaleString('en-US')} values; at most ${MAX_TENSOR_VALUES.toLocaleString('en-US')} (2^28, 1 GiB of float32) fit`,
    fix,
  );
}

/**
 * Checks an MLP's dense layers before it is built: each weight matrix (inputs x units) and
 * each batch of activations (batch x units) within {@link MAX_TENSOR_VALUES}, naming the
 * option (`hidden[0]`, `units`) and the limit.
 */
export function checkDenseSizes(
  experiment: string,
  inputs: number,
  layers: readonly { readonly option: string; readonly units: number }[],
  batch: number,
): void {
  let width = inputs;
  for (const { option, units } of layers) {
    checkValueCount(
      experiment,
      `${option}: ${units.toLocaleString('en-US')} units on ${width.toLocaleString('en-US')} inputs make a weight matrix that`,
      width * units,
      `Use fewer units in ${option}`,
    );
    checkValueCount(
      experiment,
      `${option}: a batch of ${batch.toLocaleString('en-US')} through ${units.toLocaleString('en-US')} units`,
      batch * units,
      `Use fewer units in ${option}, or a smaller batch`,
    );
    width = units;
  }
}
