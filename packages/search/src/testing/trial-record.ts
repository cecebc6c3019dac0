import type { TrialRecord, TrialState } from '../storage/storage.js';

/** A trial snapshot for tests: a curve (values at steps 0, 1, 2...) and a state. */
export function trialRecord(
  id: number,
  curve: readonly number[],
  state: TrialState = 'complete',
  extra: {
    value?: number;
    systemAttrs?: Record<string, number>;
    params?: Record<string, number | string>;
  } = {},
): TrialRecord {
  return {
    id,
    number: id,
    studyId: 0,
    state,
    value: extra.value ?? (state === 'complete' ? curve[curve.length - 1] : undefined),
    params: extra.params ?? {},
    intermediateValues: new Map(curve.map((value, step) => [step, value])),
    userAttrs: {},
    systemAttrs: extra.systemAttrs ?? {},
    startedAt: undefined,
    completedAt: undefined,
    reason: undefined,
    attempt: 1,
  };
}
