import { describeValue } from '@fanin/core';
import {
  ATTR,
  type FinishedState,
  JournalOperation,
  type JournalRecord,
  OPTUNA_STATE,
  pythonTimestamp,
  type TrialOutcome,
  type TrialRecord,
} from '@fanin/search';

/** How a trial ended, as recorded. */
export interface RecordedResult {
  readonly state: FinishedState;
  /** The objective's value (complete), or the last reported value (pruned). */
  readonly value: number | undefined;
  /** Why it was pruned or failed. */
  readonly reason: string | undefined;
}

/**
 * The result of a trial for an attempt's outcome, with the rules of `Study.optimize`: a
 * trial the pruner stopped is pruned whatever the objective returned (its value is the last
 * reported one); a non-number or NaN return fails it; a throw fails it with the error's
 * line. Crashes never get here: the attempt is retried by BullMQ instead.
 */
export function resultOf(
  trial: TrialRecord,
  outcome: Exclude<TrialOutcome, { kind: 'crashed' }>,
  pruneReason: string | undefined,
): RecordedResult {
  const pruned = (reason: string): RecordedResult => {
    const steps = [...trial.intermediateValues.keys()];
    const last = steps.length > 0 ? trial.intermediateValues.get(Math.max(...steps)) : undefined;
    return {
      state: 'pruned',
      value: last === undefined || Number.isNaN(last) ? undefined : last,
      reason,
    };
  };
  const failed = (reason: string): RecordedResult => ({
    state: 'failed',
    value: undefined,
    reason,
  });
  switch (outcome.kind) {
    case 'returned': {
      if (pruneReason !== undefined) return pruned(pruneReason);
      const value = outcome.value;
      if (typeof value !== 'number')
        return failed(`the objective returned ${describeValue(value)}, not a number`);
      if (Number.isNaN(value)) return failed('the objective returned NaN');
      return { state: 'complete', value, reason: undefined };
    }
    case 'pruned':
      return pruned(outcome.reason ?? pruneReason ?? 'pruned by the objective');
    case 'threw':
      return failed(outcome.message);
  }
}

/**
 * The journal records of a trial's result, appended together in one atomic script: the
 * reason (if any) and the final state and value, in the file journal's format.
 */
export function resultRecords(
  workerId: string,
  trialId: number,
  result: RecordedResult,
): JournalRecord[] {
  const records: JournalRecord[] = [];
  if (result.reason !== undefined)
    records.push({
      op_code: JournalOperation.SET_TRIAL_SYSTEM_ATTR,
      worker_id: workerId,
      trial_id: trialId,
      system_attr: { [ATTR.reason]: result.reason },
    });
  records.push({
    op_code: JournalOperation.SET_TRIAL_STATE_VALUES,
    worker_id: workerId,
    trial_id: trialId,
    state: OPTUNA_STATE[result.state],
    values: result.value === undefined ? null : [result.value],
    datetime_complete: pythonTimestamp(),
  });
  return records;
}
