import {
  type Direction,
  type Distribution,
  NumericDistribution,
  type Study,
  type TrialRecord,
} from '@fanin/search';
import type { PlotInput } from '../render/write-plots.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A finite number or null (Vega-Lite data holds no NaN). */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** The trials of a sweep's stages, as rows for plots. */
export function trialRows(stages: readonly { study: Study; trials: readonly TrialRecord[] }[]) {
  return stages.flatMap(({ study, trials }, stage) =>
    trials.map((trial) => ({
      stage: `${stage + 1}: ${study.name}`,
      trial: trial.number,
      state: trial.state,
      value: finite(trial.value),
      ...Object.fromEntries(
        Object.entries(trial.params).map(([key, value]) => [`param:${key}`, value]),
      ),
    })),
  );
}

function isLog(distribution: Distribution | undefined): boolean {
  return distribution instanceof NumericDistribution && distribution.scale === 'log';
}

/**
 * The plots of a sweep: the value of every trial in order (by stage and state), the value
 * against each parameter (on the parameter's own scale: a learning rate on a log axis), and
 * the learning curves of the best trials.
 */
export function sweepPlots(
  stages: readonly { study: Study; trials: readonly TrialRecord[] }[],
  objective: string,
  direction: Direction,
): PlotInput[] {
  const rows = trialRows(stages);
  const first = stages[0];
  if (!first) return [];
  const space = first.study.space;
  const plots: PlotInput[] = [];
  const valueAxis = {
    field: 'value',
    type: 'quantitative',
    title: objective,
    scale: { zero: false },
  };
  plots.push({
    name: 'trials',
    title: `${objective} of every trial, in order (pruned trials at their last report)`,
    spec: {
      $schema: SCHEMA,
      title: `${objective} by trial`,
      width: 520,
      height: 280,
      data: { values: rows.filter((row) => row.value !== null) },
      mark: { type: 'point', filled: true, size: 50 },
      encoding: {
        x: { field: 'trial', type: 'quantitative', title: 'trial number' },
        y: valueAxis,
        color: { field: 'stage', type: 'nominal', title: 'stage', legend: { labelLimit: 320 } },
        shape: { field: 'state', type: 'nominal', title: 'state' },
        tooltip: [{ field: 'trial' }, { field: 'value' }, { field: 'state' }],
      },
    },
  });
  for (const [name, distribution] of Object.entries(space)) {
    const numeric = distribution instanceof NumericDistribution;
    plots.push({
      name: `param-${name}`,
      title: `${objective} against ${name}${isLog(distribution) ? ' (log scale)' : ''}`,
      spec: {
        $schema: SCHEMA,
        title: `${objective} against ${name}`,
        width: 420,
        height: 260,
        data: { values: rows.filter((row) => row.value !== null && row.state === 'complete') },
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          x: {
            field: `param:${name}`,
            type: numeric ? 'quantitative' : 'nominal',
            title: name,
            ...(isLog(distribution)
              ? { scale: { type: 'log' } }
              : numeric
                ? { scale: { zero: false } }
                : {}),
          },
          y: valueAxis,
          color: { field: 'stage', type: 'nominal', title: 'stage', legend: { labelLimit: 320 } },
        },
      },
    });
  }
  const ranked = stages
    .flatMap(({ trials }, stage) => trials.map((trial) => ({ trial, stage })))
    .filter(({ trial }) => trial.state === 'complete' && Number.isFinite(trial.value ?? Number.NaN))
    .sort((a, b) =>
      direction === 'maximize' ? b.trial.value! - a.trial.value! : a.trial.value! - b.trial.value!,
    )
    .slice(0, 5);
  const curves = ranked.flatMap(({ trial, stage }) => {
    const curve = trial.userAttrs.learningCurve as Record<string, number[]> | undefined;
    const epochs = curve?.epoch ?? [];
    const values = curve?.[objective] ?? [];
    return epochs.map((epoch, index) => ({
      trial: `stage ${stage + 1} #${trial.number}`,
      epoch: epoch + 1,
      value: finite(values[index]),
    }));
  });
  if (curves.length > 0)
    plots.push({
      name: 'learning-curves',
      title: `${objective} per epoch of the ${ranked.length} best trials`,
      spec: {
        $schema: SCHEMA,
        title: `Learning curves of the best trials`,
        width: 520,
        height: 280,
        data: { values: curves },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
          y: { field: 'value', type: 'quantitative', title: objective, scale: { zero: false } },
          color: { field: 'trial', type: 'nominal', title: 'trial' },
        },
      },
    });
  return plots;
}
