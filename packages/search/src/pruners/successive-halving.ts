import { defineEntry, option, resolveOptions } from '@fanin/core';
import {
  formatValue,
  KEEP,
  lastStep,
  type PruneContext,
  type PruneDecision,
  type Pruner,
} from './pruner.js';

const successiveHalvingOptions = {
  minResource: option.integer({
    description: 'Steps (epochs) every trial gets before its first rung',
    default: 1,
    min: 1,
  }),
  reductionFactor: option.integer({
    description: 'Keep the best 1/reductionFactor at each rung (rungs at minResource × factor^k)',
    default: 4,
    min: 2,
  }),
  minEarlyStoppingRate: option.integer({
    description: 'Skip this many of the first rungs',
    default: 0,
    min: 0,
  }),
  bootstrapCount: option.integer({
    description: 'Prune at a rung until more than this many trials reached it',
    default: 0,
    min: 0,
  }),
} as const;

/** The system attribute holding a trial's value at a rung (Optuna's key, so the rungs are shared). */
export function rungKey(rung: number): string {
  return `completed_rung_${rung}`;
}

class SuccessiveHalvingPruner implements Pruner {
  readonly name = 'successiveHalving';
  readonly config: {
    type: 'successiveHalving';
    minResource: number;
    reductionFactor: number;
    minEarlyStoppingRate: number;
    bootstrapCount: number;
  };

  constructor(
    readonly minResource: number,
    readonly reductionFactor: number,
    readonly minEarlyStoppingRate: number,
    readonly bootstrapCount: number,
  ) {
    this.config = {
      type: 'successiveHalving',
      minResource,
      reductionFactor,
      minEarlyStoppingRate,
      bootstrapCount,
    };
  }

  check({ trial, trials, direction }: PruneContext): PruneDecision {
    const step = lastStep(trial);
    if (step === undefined) return KEEP;
    const value = trial.intermediateValues.get(step)!;
    let rung = 0;
    while (rungKey(rung) in trial.systemAttrs) rung++;
    const recorded: Record<string, number> = {};
    for (;;) {
      const promotionStep =
        this.minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep)
        return Object.keys(recorded).length > 0 ? { prune: false, systemAttrs: recorded } : KEEP;
      // NaN is the worst value there is: prune at once, never let it through a rung.
      if (Number.isNaN(value))
        return {
          prune: true,
          reason: `value NaN at rung ${rung} (step ${step})`,
          systemAttrs: recorded,
        };
      const key = rungKey(rung);
      recorded[key] = value;
      const competing = trials
        .filter((t) => t.id !== trial.id)
        .map((t) => t.systemAttrs[key])
        .filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
      competing.push(value);
      if (competing.length <= this.bootstrapCount) {
        return {
          prune: true,
          reason: `only ${competing.length} trials reached rung ${rung}, bootstrapCount is ${this.bootstrapCount}`,
          systemAttrs: recorded,
        };
      }
      let promotable = Math.floor(competing.length / this.reductionFactor) - 1;
      if (promotable === -1) promotable = 0;
      competing.sort((a, b) => a - b);
      const cutoff =
        direction === 'maximize'
          ? competing[competing.length - 1 - promotable]!
          : competing[promotable]!;
      const promoted = direction === 'maximize' ? value >= cutoff : value <= cutoff;
      if (!promoted) {
        return {
          prune: true,
          reason: `value ${formatValue(value)} at rung ${rung} (step ${step}) is outside the best 1/${this.reductionFactor} of ${competing.length} trials (cutoff ${formatValue(cutoff)})`,
          systemAttrs: recorded,
        };
      }
      rung++;
    }
  }
}

export const successiveHalvingEntry = defineEntry('pruner', {
  description:
    "Asynchronous successive halving (ASHA): at rungs minResource × factor^k keep only the best 1/factor of the trials that got there (Optuna's SuccessiveHalvingPruner)",
  aliases: ['asha'],
  options: successiveHalvingOptions,
  create: (o) =>
    new SuccessiveHalvingPruner(
      o.minResource,
      o.reductionFactor,
      o.minEarlyStoppingRate,
      o.bootstrapCount,
    ),
});

/** Options of {@link successiveHalving}. */
export interface SuccessiveHalvingOptions {
  /** Steps every trial gets before its first rung. Default 1. */
  minResource?: number;
  /** Keep the best 1/reductionFactor at each rung. Default 4 (Optuna's and Ray's default). */
  reductionFactor?: number;
  /** Skip this many first rungs. Default 0. */
  minEarlyStoppingRate?: number;
  /** Prune at a rung until more than this many trials reached it. Default 0. */
  bootstrapCount?: number;
}

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018) with Optuna's semantics: when a
 * trial reaches step minResource × reductionFactor^(minEarlyStoppingRate + rung), its value
 * is recorded for that rung and it continues only if it is in the best
 * 1/reductionFactor of all values recorded at that rung so far. Rung values are stored as
 * the trial's system attributes `completed_rung_<k>` (Optuna's keys), so they are in the
 * journal and survive a restart. A NaN value is pruned at its rung, never promoted (Ray's
 * ASHA lets it through). Epochs make a natural resource: report once per epoch.
 */
export function successiveHalving(options: SuccessiveHalvingOptions = {}): Pruner {
  const o = resolveOptions(successiveHalvingOptions, options, 'pruner "successiveHalving"');
  return new SuccessiveHalvingPruner(
    o.minResource,
    o.reductionFactor,
    o.minEarlyStoppingRate,
    o.bootstrapCount,
  );
}
