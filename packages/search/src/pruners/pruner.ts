import type { Direction, TrialRecord } from '../storage/storage.js';

/** What a pruner sees when a trial asks `shouldPrune()`. */
export interface PruneContext {
  /** The trial asking, with the values it reported in this attempt. */
  readonly trial: TrialRecord;
  /** Every trial of the study, the asking one included. */
  readonly trials: readonly TrialRecord[];
  readonly direction: Direction;
}

/** A pruner's answer. */
export interface PruneDecision {
  readonly prune: boolean;
  /** Why, in one line, stored with the pruned trial (`value NaN at step 3`). */
  readonly reason?: string;
  /**
   * System attributes to store on the trial (successive halving's rung values), so that
   * decisions survive a restart: they are journaled like everything else.
   */
  readonly systemAttrs?: Readonly<Record<string, number>>;
}

/**
 * Decides whether a running trial should stop, from its reported values and the study's
 * other trials. Pure: everything it needs is in the context, everything it wants to
 * remember goes in `systemAttrs`. No pruner is used unless one is given.
 */
export interface Pruner {
  /** Registry name. */
  readonly name: string;
  /** The JSON config that recreates this pruner. */
  readonly config: { readonly type: string } & Readonly<Record<string, unknown>>;
  check(context: PruneContext): PruneDecision;
}

/** Continue. */
export const KEEP: PruneDecision = Object.freeze({ prune: false });

/** The largest reported step of a trial, if it reported any. */
export function lastStep(trial: TrialRecord): number | undefined {
  let last: number | undefined;
  for (const step of trial.intermediateValues.keys())
    if (last === undefined || step > last) last = step;
  return last;
}

/** Formats a reported value for a reason. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6
    ? String(Number(value.toPrecision(4)))
    : value.toExponential(3);
}

declare module '@fanin/core' {
  interface KindTypes {
    pruner: { value: Pruner; metadata: Record<string, unknown> };
  }
}
