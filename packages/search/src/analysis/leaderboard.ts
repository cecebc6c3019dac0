import type { Params } from '../space/space.js';
import type { Direction, TrialRecord } from '../storage/storage.js';

/** Completed trials with a usable value (not NaN). */
export function completedTrials(trials: readonly TrialRecord[]): TrialRecord[] {
  return trials.filter(
    (t) => t.state === 'complete' && typeof t.value === 'number' && !Number.isNaN(t.value),
  );
}

/** Completed trials, best first (ties by trial number). */
export function rankTrials(trials: readonly TrialRecord[], direction: Direction): TrialRecord[] {
  const sign = direction === 'maximize' ? -1 : 1;
  return completedTrials(trials).sort(
    (a, b) => sign * (a.value! - b.value!) || a.number - b.number,
  );
}

/** The best completed trial, if any. */
export function bestTrial(
  trials: readonly TrialRecord[],
  direction: Direction,
): TrialRecord | undefined {
  return rankTrials(trials, direction)[0];
}

/** The `count` best completed trials, best first. */
export function topTrials(
  trials: readonly TrialRecord[],
  direction: Direction,
  count: number,
): TrialRecord[] {
  return rankTrials(trials, direction).slice(0, Math.max(0, count));
}

/** One row of a leaderboard. */
export interface LeaderboardRow {
  readonly rank: number;
  readonly number: number;
  readonly value: number;
  readonly params: Params;
  /** Wall time of the trial's last attempt, in seconds. */
  readonly seconds: number | undefined;
  readonly attempt: number;
}

/** Seconds between a trial's start and end. */
export function durationSeconds(trial: TrialRecord): number | undefined {
  return trial.startedAt && trial.completedAt
    ? (trial.completedAt.getTime() - trial.startedAt.getTime()) / 1000
    : undefined;
}

/** The `top` best completed trials as rows (rank 1 is the best). */
export function leaderboard(
  trials: readonly TrialRecord[],
  direction: Direction,
  options: { top?: number } = {},
): LeaderboardRow[] {
  return topTrials(trials, direction, options.top ?? 10).map((trial, index) => ({
    rank: index + 1,
    number: trial.number,
    value: trial.value!,
    params: { ...trial.params },
    seconds: durationSeconds(trial),
    attempt: trial.attempt,
  }));
}
