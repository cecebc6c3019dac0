import { DATASET } from './protocol.js';
import type { Store } from './store.js';

/** A row of a chart's data source. */
export type Row = Record<string, unknown>;

/**
 * The rows of the charts' data sources ({@link DATASET}), from the store:
 * - `trials`: one per trial: key, order (1, 2 ... over all stages), stage, label, trial,
 *   state, value, reason, attempt, and `param:<name>` for each parameter;
 * - `curves`: one per reported epoch: key, label, stage, state, running (1 or 0), step
 *   (the epoch, from 1), value;
 * - `importance`: one per stage and parameter: stage, parameter, importance, spearman.
 */
export function datasets(store: Store): Record<string, Row[]> {
  const trials: Row[] = [];
  const curves: Row[] = [];
  store.trials().forEach((trial, index) => {
    const stage = store.stageLabel(trial.stage);
    const label = store.trialLabel(trial);
    const row: Row = {
      key: trial.key,
      order: index + 1,
      stage,
      label,
      trial: trial.number,
      state: trial.state,
      value: trial.value,
      reason: trial.reason ?? '',
      attempt: trial.attempt,
    };
    for (const [name, value] of Object.entries(trial.params)) row[`param:${name}`] = value;
    trials.push(row);
    for (const [step, value] of trial.curve)
      curves.push({
        key: trial.key,
        label,
        stage,
        state: trial.state,
        running: trial.state === 'running' ? 1 : 0,
        step: step + 1,
        value,
      });
  });
  const importance = store.stages.flatMap((stage) =>
    stage.importance.map((row) => ({
      stage: store.stageLabel(stage.index),
      parameter: row.parameter,
      importance: row.importance,
      spearman: row.spearman,
    })),
  );
  return { [DATASET.trials]: trials, [DATASET.curves]: curves, [DATASET.importance]: importance };
}
