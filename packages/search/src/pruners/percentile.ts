import { defineEntry, option, type ResolvedOptions, resolveOptions } from '@fanin/core';
import { nanPercentile } from '../stats/rank.js';
import {
  formatValue,
  KEEP,
  lastStep,
  type PruneContext,
  type PruneDecision,
  type Pruner,
} from './pruner.js';

const sharedOptions = {
  startupTrials: option.integer({
    description: 'No pruning until this many trials have completed',
    default: 5,
    min: 0,
  }),
  warmupSteps: option.integer({
    description: 'No pruning before this step (steps start at 0)',
    default: 0,
    min: 0,
  }),
  intervalSteps: option.integer({
    description: 'Steps between checks, counted from warmupSteps',
    default: 1,
    min: 1,
  }),
  minTrials: option.integer({
    description: 'Fewest completed trials with a value at the step needed to judge',
    default: 1,
    min: 1,
  }),
} as const;

const percentileOptions = {
  percentile: option.number({
    description:
      'Keep trials whose best value is within this percentile of the others at the same step (50 = median)',
    min: 0,
    max: 100,
  }),
  ...sharedOptions,
} as const;

function isFirstInInterval(
  step: number,
  steps: Iterable<number>,
  warmup: number,
  interval: number,
): boolean {
  const nearestLowerPruningStep = Math.floor((step - warmup) / interval) * interval + warmup;
  let secondLast = -1;
  for (const s of steps) if (s > secondLast && s !== step) secondLast = s;
  return secondLast < nearestLowerPruningStep;
}

class PercentilePruner implements Pruner {
  readonly config: Record<string, unknown> & { type: string };

  constructor(
    readonly name: 'percentile' | 'median',
    readonly percentile: number,
    readonly startupTrials: number,
    readonly warmupSteps: number,
    readonly intervalSteps: number,
    readonly minTrials: number,
  ) {
    this.config =
      name === 'median'
        ? { type: name, startupTrials, warmupSteps, intervalSteps, minTrials }
        : { type: name, percentile, startupTrials, warmupSteps, intervalSteps, minTrials };
  }

  check({ trial, trials, direction }: PruneContext): PruneDecision {
    const completed = trials.filter((t) => t.state === 'complete');
    if (completed.length === 0 || completed.length < this.startupTrials) return KEEP;
    const step = lastStep(trial);
    if (step === undefined || step < this.warmupSteps) return KEEP;
    if (
      !isFirstInInterval(
        step,
        trial.intermediateValues.keys(),
        this.warmupSteps,
        this.intervalSteps,
      )
    )
      return KEEP;
    const own = [...trial.intermediateValues.values()].filter((v) => !Number.isNaN(v));
    if (own.length === 0)
      return { prune: true, reason: `every reported value is NaN (step ${step})` };
    const best = direction === 'maximize' ? Math.max(...own) : Math.min(...own);
    const others = completed
      .map((t) => t.intermediateValues.get(step))
      .filter((v): v is number => v !== undefined);
    if (others.length < this.minTrials) return KEEP;
    const q = direction === 'maximize' ? 100 - this.percentile : this.percentile;
    const threshold = nanPercentile(others, q);
    if (Number.isNaN(threshold)) return KEEP;
    const worse = direction === 'maximize' ? best < threshold : best > threshold;
    if (!worse) return KEEP;
    const what = this.name === 'median' ? 'the median' : `the ${this.percentile}th percentile`;
    return {
      prune: true,
      reason: `best value ${formatValue(best)} is worse than ${what} ${formatValue(threshold)} of ${others.length} completed trials at step ${step}`,
    };
  }
}

/** A percentile pruner (the median is percentile 50) with resolved shared options. */
function percentilePruner(
  name: 'percentile' | 'median',
  percentile: number,
  o: ResolvedOptions<typeof sharedOptions>,
): Pruner {
  return new PercentilePruner(
    name,
    percentile,
    o.startupTrials,
    o.warmupSteps,
    o.intervalSteps,
    o.minTrials,
  );
}

export const percentileEntry = defineEntry('pruner', {
  description:
    "Stops a trial whose best value so far is worse than a percentile of completed trials' values at the same step (Optuna's PercentilePruner)",
  options: percentileOptions,
  create: (o) => percentilePruner('percentile', o.percentile, o),
});

export const medianEntry = defineEntry('pruner', {
  description:
    "Stops a trial whose best value so far is worse than the median of completed trials at the same step (Optuna's MedianPruner)",
  options: sharedOptions,
  create: (o) => percentilePruner('median', 50, o),
});

/** Options of {@link median} (and {@link percentile}, with `percentile`). */
export interface MedianOptions {
  /** No pruning until this many trials have completed. Default 5. */
  startupTrials?: number;
  /** No pruning before this step. Default 0. */
  warmupSteps?: number;
  /** Steps between checks after the warmup. Default 1. */
  intervalSteps?: number;
  /** Fewest completed trials with a value at the step. Default 1. */
  minTrials?: number;
}

/**
 * Median stopping rule with Optuna's exact semantics (`MedianPruner`): at a checked step,
 * prune when the trial's best value so far is worse than the median of the values that
 * completed trials reported at that same step. Disabled until `startupTrials` trials have
 * completed and before `warmupSteps`; checks every `intervalSteps`. A trial whose every
 * value is NaN is pruned. Decisions depend on which trials had completed at the time, so
 * unlike the parameters they can differ between runs with different worker counts.
 */
export function median(options: MedianOptions = {}): Pruner {
  const o = resolveOptions(sharedOptions, options, 'pruner "median"');
  return percentilePruner('median', 50, o);
}

/** Like {@link median} with another percentile: 25 keeps trials in the best quarter. */
export function percentile(options: MedianOptions & { percentile: number }): Pruner {
  const o = resolveOptions(percentileOptions, options, 'pruner "percentile"');
  return percentilePruner('percentile', o.percentile, o);
}
