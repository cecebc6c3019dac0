import { type Callback, type CallbackContext, type Tensor, tf } from '@fanin/core';
import type { JsonValue } from '../storage/storage.js';
import type { TrialHandle } from '../trial.js';

/** The hooks of a `@fanin/core` training-loop `Callback` that {@link healthCallback} provides. */
export type HealthCallback = Required<
  Pick<Callback, 'onBeforeStep' | 'onAfterStep' | 'onBatchEnd' | 'onEpochEnd' | 'onTrainEnd'>
>;

/** Options of {@link healthCallback}. */
export interface HealthOptions {
  /** Measure update/parameter ratios on every `every`-th optimizer step (0, every, 2·every...). Default 10. */
  readonly every?: number;
  /** The log reported to the trial each epoch. Default: "val_loss" when present, else "loss". */
  readonly monitor?: string;
  /** Stop training at the first batch whose loss is NaN or Infinity (and report it). Default true. */
  readonly stopOnNonFinite?: boolean;
}

/** What the callback stores as the trial's `health` user attribute. */
export interface HealthRecord {
  readonly every: number;
  /** Optimizer steps at which ratios were measured. */
  readonly steps: number[];
  /** Per layer (parameter name up to its last dot): L2 norm of its parameters and ‖Δw‖/‖w‖ per measured step. */
  readonly layers: Record<string, { parameterNorm: number[]; updateRatio: number[] }>;
  /** Median update ratio per layer: about 1e-3 is healthy; far below, the learning rate is too low; far above, too high. */
  readonly medianUpdateRatio: Record<string, number>;
  /** The first step whose loss was NaN or Infinity, if any. */
  readonly nonFiniteStep: number | null;
}

function layerOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A training-loop callback that records a trial's health and drives its pruning:
 *
 * - every `every`-th optimizer step it snapshots the parameters before the step and, after
 *   it, computes per layer the parameter norm ‖w‖ and the update ratio ‖Δw‖/‖w‖ (cs231n:
 *   about 1e-3 is healthy);
 * - at each epoch end it records the learning curve (every log), reports the monitored log
 *   to the trial (`trial.report(epoch, value)`) and, if the study's pruner says so, stops
 *   training (`context.stop`), which makes the trial end as pruned;
 * - at a batch whose loss is NaN or Infinity it reports that and stops training;
 * - at the end it stores `learningCurve` ({ epoch: [...], loss: [...], ... }) and `health`
 *   ({@link HealthRecord}) as the trial's user attributes.
 *
 * ```ts
 * await fit(model, data, { epochs: trial.epochs, optimizer, loss, callbacks: [healthCallback(trial)] });
 * ```
 */
export function healthCallback(trial: TrialHandle, options: HealthOptions = {}): HealthCallback {
  const every = Math.max(1, Math.floor(options.every ?? 10));
  const stopOnNonFinite = options.stopOnNonFinite ?? true;
  const steps: number[] = [];
  const layers: Record<string, { parameterNorm: number[]; updateRatio: number[] }> = {};
  const curve: Record<string, number[]> = { epoch: [] };
  let before: Map<string, Tensor> | undefined;
  let beforeStep = 0;
  let nonFiniteStep: number | null = null;
  let stopped = false;

  const release = () => {
    for (const tensor of before?.values() ?? []) tensor.dispose();
    before = undefined;
  };

  const monitorOf = (logs: Readonly<Record<string, number>>) =>
    options.monitor ?? ('val_loss' in logs ? 'val_loss' : 'loss');

  return {
    onBeforeStep(context: CallbackContext) {
      release();
      if (context.step % every !== 0) return;
      beforeStep = context.step;
      before = new Map();
      for (const [name, variable] of context.model.namedParameters())
        before.set(name, tf.clone(variable));
    },

    onAfterStep(context: CallbackContext) {
      if (!before) return;
      const snapshot = before;
      const names = [...snapshot.keys()];
      const groups = [...new Set(names.map(layerOf))];
      const parameters = context.model.namedParameters();
      const numbers = tf.tidy(() => {
        const squares = new Map<string, { weight: Tensor; update: Tensor }>();
        for (const name of names) {
          const old = snapshot.get(name)!;
          const current = parameters.get(name);
          if (!current) continue;
          const group = layerOf(name);
          const sums = squares.get(group) ?? { weight: tf.scalar(0), update: tf.scalar(0) };
          squares.set(group, {
            weight: tf.add(sums.weight, tf.sum(tf.square(old))),
            update: tf.add(sums.update, tf.sum(tf.square(tf.sub(current, old)))),
          });
        }
        const flat = groups.flatMap((group) => {
          const sums = squares.get(group);
          return sums ? [sums.weight, sums.update] : [tf.scalar(Number.NaN), tf.scalar(Number.NaN)];
        });
        return flat.length > 0 ? tf.stack(flat).dataSync() : new Float32Array(0);
      });
      release();
      steps.push(beforeStep);
      groups.forEach((group, index) => {
        const weight = Math.sqrt(numbers[2 * index]!);
        const update = Math.sqrt(numbers[2 * index + 1]!);
        const entry = layers[group] ?? { parameterNorm: [], updateRatio: [] };
        entry.parameterNorm.push(weight);
        entry.updateRatio.push(weight > 0 ? update / weight : Number.NaN);
        layers[group] = entry;
      });
    },

    async onBatchEnd(context: CallbackContext) {
      const loss = context.logs.loss;
      if (!stopOnNonFinite || stopped || typeof loss !== 'number' || Number.isFinite(loss)) return;
      nonFiniteStep = context.step;
      stopped = true;
      await trial.report(context.epoch, loss);
      const prune = await trial.shouldPrune();
      context.stop(`${prune ? 'pruned' : 'stopped'}: loss ${loss} at step ${context.step}`);
    },

    async onEpochEnd(context: CallbackContext) {
      curve.epoch!.push(context.epoch);
      for (const [key, value] of Object.entries(context.logs)) {
        const series = curve[key] ?? [];
        series.push(value);
        curve[key] = series;
      }
      if (stopped) return;
      const monitor = monitorOf(context.logs);
      const value = context.logs[monitor];
      if (typeof value !== 'number') return;
      await trial.report(context.epoch, value);
      if (await trial.shouldPrune()) {
        stopped = true;
        context.stop(`pruned at epoch ${context.epoch}`);
      }
    },

    async onTrainEnd() {
      release();
      const record: HealthRecord = {
        every,
        steps,
        layers,
        medianUpdateRatio: Object.fromEntries(
          Object.entries(layers).map(([layer, entry]) => [layer, median(entry.updateRatio)]),
        ),
        nonFiniteStep,
      };
      await trial.setUserAttr('learningCurve', curve as unknown as JsonValue);
      await trial.setUserAttr('health', record as unknown as JsonValue);
    },
  };
}
