import { defineEntry, option, resolveOptions } from '@fanin/core';
import {
  formatValue,
  KEEP,
  lastStep,
  type PruneContext,
  type PruneDecision,
  type Pruner,
} from './pruner.js';

const divergenceOptions = {
  ratio: option.number({
    description:
      "Prune when the value exceeds this multiple of the trial's own first reported value (minimized objectives)",
    default: 3,
    min: 1,
  }),
  warmupSteps: option.integer({
    description:
      'Steps after the first report before the ratio rule applies (NaN and Infinity are pruned at once)',
    default: 0,
    min: 0,
  }),
} as const;

class DivergencePruner implements Pruner {
  readonly name = 'divergence';
  readonly config: { type: 'divergence'; ratio: number; warmupSteps: number };

  constructor(
    readonly ratio: number,
    readonly warmupSteps: number,
  ) {
    this.config = { type: 'divergence', ratio, warmupSteps };
  }

  check({ trial, direction }: PruneContext): PruneDecision {
    const step = lastStep(trial);
    if (step === undefined) return KEEP;
    const value = trial.intermediateValues.get(step)!;
    if (!Number.isFinite(value))
      return { prune: true, reason: `diverged: value ${value} at step ${step}` };
    if (direction !== 'minimize') return KEEP;
    let firstStep = step;
    for (const s of trial.intermediateValues.keys()) firstStep = Math.min(firstStep, s);
    const initial = trial.intermediateValues.get(firstStep)!;
    if (
      !(Number.isFinite(initial) && initial > 0) ||
      step - firstStep < this.warmupSteps ||
      step === firstStep
    )
      return KEEP;
    if (value > this.ratio * initial) {
      return {
        prune: true,
        reason: `diverged: value ${formatValue(value)} at step ${step} is above ${this.ratio} × the initial ${formatValue(initial)} (step ${firstStep})`,
      };
    }
    return KEEP;
  }
}

export const divergenceEntry = defineEntry('pruner', {
  description:
    "Stops a trial whose value is NaN or Infinity, or above ratio × its own first value (cs231n's 3× rule)",
  options: divergenceOptions,
  create: (options) => new DivergencePruner(options.ratio, options.warmupSteps),
});

/**
 * Stops a diverging trial as soon as it shows: a reported value that is NaN or ±Infinity
 * (any direction), or, when minimizing, above `ratio` × the trial's own first reported value
 * ("if the cost is ever > 3 × the original cost, break out early", cs231n). Relative to the
 * trial itself, unlike Optuna's ThresholdPruner (an absolute bound the same for every trial);
 * NaN-aware, unlike Ray's ASHA (NaN passes its cutoff) and W&B's hyperband (drops NaN). Needs
 * no other trial, so it works from trial 0 and gives the same decision with any worker count.
 * The ratio rule needs a positive first value (a loss).
 */
export function divergence(options: { ratio?: number; warmupSteps?: number } = {}): Pruner {
  const resolved = resolveOptions(divergenceOptions, options, 'pruner "divergence"');
  return new DivergencePruner(resolved.ratio, resolved.warmupSteps);
}
