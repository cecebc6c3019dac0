import type { Direction, TrialRecord } from '../storage/storage.js';

export interface SplitOptions {
  readonly direction: Direction;
  /** Share of the ranked trials that are good (Optuna's gamma(n) = min(ceil(0.1 n), 25)). */
  readonly gamma: number;
  /** At most this many good trials. */
  readonly maxGoodTrials: number;
}

export interface SplitTrials {
  /** The best trials: what l(x) models. In trial-number order. */
  readonly good: TrialRecord[];
  /** The rest: what g(x) models. In trial-number order. */
  readonly bad: TrialRecord[];
  /** Complete and pruned trials: those ranked (failed ones are not). */
  readonly ranked: number;
}

/** Orders numbers, ±Infinity included. */
function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A pruned trial's rank key as Optuna's: the later its last report the better, then its value. */
function prunedKey(trial: TrialRecord, sign: number): [number, number] {
  const steps = [...trial.intermediateValues.keys()];
  if (steps.length === 0) return [1, 0];
  const step = Math.max(...steps);
  const value = trial.intermediateValues.get(step)!;
  return [-step, Number.isNaN(value) ? Number.POSITIVE_INFINITY : sign * value];
}

/**
 * Splits finished trials into good and bad as Optuna's TPESampler does: n_good =
 * min(ceil(gamma · n), maxGoodTrials) of the n complete and pruned trials; complete trials
 * ranked by value come first, then pruned trials (those that got further first, then by
 * their last reported value, NaN last). fanin's own rule: failed trials (the objective threw,
 * returned NaN or its worker died) are always bad, so a region that fails is avoided rather
 * than forgotten; Optuna leaves them out. Ties keep trial order.
 */
export function splitTrials(trials: readonly TrialRecord[], options: SplitOptions): SplitTrials {
  const sign = options.direction === 'maximize' ? -1 : 1;
  const complete = trials.filter((t) => t.state === 'complete' && typeof t.value === 'number');
  const pruned = trials.filter((t) => t.state === 'pruned');
  const failed = trials.filter(
    (t) => t.state === 'failed' || (t.state === 'complete' && typeof t.value !== 'number'),
  );
  const ranked = complete.length + pruned.length;
  const goodCount = Math.min(Math.ceil(options.gamma * ranked), options.maxGoodTrials);
  const byValue = [...complete].sort((a, b) => compare(sign * a.value!, sign * b.value!));
  const byProgress = pruned
    .map((trial) => ({ trial, key: prunedKey(trial, sign) }))
    .sort((a, b) => compare(a.key[0], b.key[0]) || compare(a.key[1], b.key[1]))
    .map(({ trial }) => trial);
  const ordered = [...byValue, ...byProgress];
  const byNumber = (a: TrialRecord, b: TrialRecord) => a.number - b.number;
  return {
    good: ordered.slice(0, goodCount).sort(byNumber),
    bad: [...ordered.slice(goodCount), ...failed].sort(byNumber),
    ranked,
  };
}
