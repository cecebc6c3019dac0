import { FaninError } from '@fanin/core';
import type { TrialRecord } from '../storage/storage.js';
import type { Sampler } from './sampler.js';

/** Whether trial `number` can be sampled now, and from which trials. */
export type HistoryState =
  | { readonly ready: true; readonly history: readonly TrialRecord[] | undefined }
  | { readonly ready: false; readonly boundary: number; readonly waitingFor: readonly number[] };

function isFinished(trial: TrialRecord): boolean {
  return trial.state === 'complete' || trial.state === 'pruned' || trial.state === 'failed';
}

/**
 * The trials a model-based sampler draws trial `number` from: every trial numbered below
 * `sampler.historyBoundary(number)`, once all of them are finished. A sampler without a
 * boundary (random, Sobol, grid) needs none.
 */
export function samplerHistory(
  sampler: Sampler,
  trials: readonly TrialRecord[],
  number: number,
): HistoryState {
  const boundary = sampler.historyBoundary?.(number) ?? 0;
  if (boundary <= 0) return { ready: true, history: undefined };
  const history = trials.filter((trial) => trial.number < boundary);
  const finished = new Set(history.filter(isFinished).map((trial) => trial.number));
  const waitingFor: number[] = [];
  for (let k = 0; k < boundary; k++) if (!finished.has(k)) waitingFor.push(k);
  return waitingFor.length === 0
    ? { ready: true, history }
    : { ready: false, boundary, waitingFor };
}

function listed(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 5).join(', ');
  return numbers.length > 5 ? `${shown} and ${numbers.length - 5} more` : shown;
}

/** The one-line error for a trial whose history is not finished and will not finish by itself. */
export function historyNotFinishedError(
  sampler: Sampler,
  number: number,
  state: Extract<HistoryState, { ready: false }>,
  hint: string,
): FaninError {
  const { boundary, waitingFor } = state;
  return new FaninError(
    'SAMPLER_HISTORY_NOT_FINISHED',
    `sampler "${sampler.name}": trial ${number} is drawn from trials 0 to ${boundary - 1}, and trial${waitingFor.length === 1 ? '' : 's'} ${listed(waitingFor)} ${waitingFor.length === 1 ? 'has' : 'have'} not finished`,
    hint,
  );
}
