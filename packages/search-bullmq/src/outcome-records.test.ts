import { JournalOperation, OPTUNA_STATE, type TrialRecord } from '@fanin/search';
import { describe, expect, it } from 'vitest';
import { resultOf, resultRecords } from './outcome-records.js';

function trial(values: [number, number][]): TrialRecord {
  return {
    id: 4,
    number: 2,
    studyId: 0,
    state: 'running',
    value: undefined,
    params: {},
    intermediateValues: new Map(values),
    userAttrs: {},
    systemAttrs: {},
    startedAt: undefined,
    completedAt: undefined,
    reason: undefined,
    attempt: 1,
  };
}

describe('resultOf: the rules of Study.optimize', () => {
  it('completes with the returned number', () => {
    expect(resultOf(trial([]), { kind: 'returned', value: 0.5 }, undefined)).toEqual({
      state: 'complete',
      value: 0.5,
      reason: undefined,
    });
  });

  it('prunes a trial the pruner stopped, whatever it returned, with its last reported value', () => {
    const reported = trial([
      [0, 3],
      [2, 1],
      [1, 2],
    ]);
    expect(resultOf(reported, { kind: 'returned', value: 0.1 }, 'median: worse')).toEqual({
      state: 'pruned',
      value: 1,
      reason: 'median: worse',
    });
    expect(resultOf(trial([[0, Number.NaN]]), { kind: 'pruned' }, undefined)).toEqual({
      state: 'pruned',
      value: undefined,
      reason: 'pruned by the objective',
    });
  });

  it('fails NaN, non-numbers and throws, with a reason', () => {
    expect(resultOf(trial([]), { kind: 'returned', value: Number.NaN }, undefined).reason).toBe(
      'the objective returned NaN',
    );
    expect(resultOf(trial([]), { kind: 'returned', value: '1' }, undefined)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^the objective returned .*, not a number$/),
    });
    expect(resultOf(trial([]), { kind: 'threw', message: 'RangeError: x' }, undefined)).toEqual({
      state: 'failed',
      value: undefined,
      reason: 'RangeError: x',
    });
  });
});

describe('resultRecords', () => {
  it('writes the reason, then the final state, in the journal format', () => {
    const records = resultRecords('w', 4, { state: 'failed', value: undefined, reason: 'boom' });
    expect(records).toMatchObject([
      {
        op_code: JournalOperation.SET_TRIAL_SYSTEM_ATTR,
        worker_id: 'w',
        trial_id: 4,
        system_attr: { 'fanin:reason': 'boom' },
      },
      {
        op_code: JournalOperation.SET_TRIAL_STATE_VALUES,
        worker_id: 'w',
        trial_id: 4,
        state: OPTUNA_STATE.failed,
        values: null,
      },
    ]);
    expect(resultRecords('w', 4, { state: 'complete', value: 2, reason: undefined })).toMatchObject(
      [
        {
          op_code: JournalOperation.SET_TRIAL_STATE_VALUES,
          state: OPTUNA_STATE.complete,
          values: [2],
        },
      ],
    );
  });
});
