import type { Tensor } from '@tensorflow/tfjs-core';
import type { Loss } from '../losses/loss.js';
import type { Metric } from '../metrics/metric.js';
import type { Module } from '../modules/module.js';
import type { Optimizer } from '../optimizers/optimizer.js';

/** Training data: a pair of tensors with the examples along the first axis. */
export interface TensorData {
  readonly x: Tensor;
  readonly y: Tensor;
}

/** Numbers logged after a batch or an epoch: loss, metrics, and `val_`-prefixed validation ones. */
export type Logs = Readonly<Record<string, number>>;

/** What callbacks receive. Call `stop()` to end training after the current batch. */
export interface CallbackContext {
  readonly model: Module;
  readonly optimizer: Optimizer;
  /** Zero-based epoch. */
  readonly epoch: number;
  /** Zero-based batch within the epoch (in batch callbacks). */
  readonly batch: number;
  /** Steps taken since fit started. */
  readonly step: number;
  readonly logs: Logs;
  /**
   * The gradients of the current step by parameter name, in `onBeforeStep` and
   * `onAfterStep` only (owned by the loop: read them, do not dispose or keep them).
   */
  readonly gradients?: ReadonlyMap<string, Tensor>;
  stop(reason?: string): void;
}

/**
 * Hooks into the training loop. Any may be async. Tensors passed in are owned by the loop.
 * `onBeforeStep`/`onAfterStep` let a callback observe an optimizer step (e.g. to measure the
 * update/parameter norm ratio); keep them cheap, they run on every step they are present.
 */
export interface Callback {
  onTrainBegin?(context: CallbackContext): void | Promise<void>;
  onEpochBegin?(context: CallbackContext): void | Promise<void>;
  onBeforeStep?(context: CallbackContext): void | Promise<void>;
  onAfterStep?(context: CallbackContext): void | Promise<void>;
  onBatchEnd?(context: CallbackContext): void | Promise<void>;
  onEpochEnd?(context: CallbackContext): void | Promise<void>;
  onTrainEnd?(context: CallbackContext): void | Promise<void>;
}

export interface FitOptions {
  readonly epochs: number;
  /** Default 32. */
  readonly batchSize?: number;
  readonly optimizer: Optimizer;
  readonly loss: Loss;
  /**
   * Metrics by name ("accuracy") or as {@link Metric} objects. Default ["accuracy"] for the
   * classification losses (softmaxCrossEntropy, binaryCrossEntropy), none otherwise.
   */
  readonly metrics?: readonly (string | Metric)[];
  readonly validationData?: TensorData;
  readonly callbacks?: readonly Callback[];
  /** Aborting stops training cleanly after the current batch; fit resolves with the history so far. */
  readonly signal?: AbortSignal;
  /** Shuffle each epoch with a stream seeded by this (default true, seed 0). */
  readonly shuffle?: boolean;
  readonly seed?: number;
}

/** Per-epoch logs, as arrays by name: `history.loss[epoch]`, `history.val_accuracy[epoch]`. */
export interface History {
  readonly epochs: number;
  readonly logs: Record<string, number[]>;
  /** Why training stopped early, if it did ("aborted", a callback's reason...). */
  readonly stopReason?: string;
  /** Where it stopped early: the epoch and batch after which it stopped (that epoch is not in `logs`). */
  readonly stoppedAt?: { readonly epoch: number; readonly batch: number };
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  readonly loss: Loss;
  /** As in {@link FitOptions.metrics}. */
  readonly metrics?: readonly (string | Metric)[];
  /** Default 32. */
  readonly batchSize?: number;
}

/** Options of `predict`. */
export interface PredictOptions {
  /** Default 32. */
  readonly batchSize?: number;
}
