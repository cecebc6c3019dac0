import { type ChartView, DATASET, type ParameterView } from '@fanin/dashboard';
import type { Direction } from '@fanin/search';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Room around every chart, so that axis labels are never clipped. */
const PADDING = { left: 8, top: 6, right: 8, bottom: 6 };

/** The layout grows with the data: charts are embedded empty and filled as trials arrive. */
const AUTOSIZE = { type: 'pad', resize: true };

/** The colour of each trial state, the same in every chart and in the page's tables. */
const STATES = {
  domain: ['complete', 'running', 'pruned', 'failed', 'waiting'],
  range: ['#4c78a8', '#f58518', '#b279a2', '#e45756', '#bab0ac'],
};

/** The field of a parameter in the `trials` rows, escaped for Vega-Lite (`a.b` is a path there). */
export function paramField(name: string): string {
  return `param:${name}`.replace(/[.[\]\\]/g, (character) => `\\${character}`);
}

function axisOf(parameter: ParameterView) {
  return {
    field: paramField(parameter.name),
    type: parameter.numeric ? 'quantitative' : 'nominal',
    title: parameter.log ? `${parameter.name} (log)` : parameter.name,
    ...(parameter.log
      ? { scale: { type: 'log' }, axis: { format: '.0e', labelOverlap: 'greedy' } }
      : parameter.numeric
        ? { scale: { zero: false } }
        : {}),
  };
}

const tooltip = (extra: readonly object[] = []) => [
  { field: 'label', title: 'trial' },
  { field: 'state' },
  { field: 'value', format: '.4g' },
  ...extra,
  { field: 'reason' },
];

/** Objective of each trial in order, with the best so far per stage (Optuna's history plot). */
function historyChart(objective: string, direction: Direction): ChartView {
  const best = direction === 'maximize' ? 'max' : 'min';
  return {
    id: 'history',
    title: `${objective} by trial`,
    description: `Every trial in order; the line is the best ${objective} so far in each stage. Pruned and failed trials sit at their last reported value.`,
    spec: {
      $schema: SCHEMA,
      padding: PADDING,
      autosize: AUTOSIZE,
      width: 380,
      height: 260,
      data: { name: DATASET.trials },
      transform: [{ filter: 'datum.value != null' }],
      layer: [
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x: {
              field: 'order',
              type: 'quantitative',
              title: 'trial (in order of creation)',
              axis: { tickMinStep: 1, format: 'd' },
            },
            y: { field: 'value', type: 'quantitative', title: objective, scale: { zero: false } },
            color: { field: 'state', type: 'nominal', scale: STATES, title: 'state' },
            shape: { field: 'stage', type: 'nominal', title: 'stage', legend: { labelLimit: 180 } },
            tooltip: tooltip(),
          },
        },
        {
          transform: [
            { filter: "datum.state == 'complete'" },
            {
              window: [{ op: best, field: 'value', as: 'best' }],
              sort: [{ field: 'order' }],
              groupby: ['stage'],
              frame: [null, 0],
            },
          ],
          mark: { type: 'line', interpolate: 'step-after', color: '#333', strokeWidth: 1.5 },
          encoding: {
            x: { field: 'order', type: 'quantitative' },
            y: { field: 'best', type: 'quantitative' },
            detail: { field: 'stage' },
          },
        },
      ],
    },
  };
}

/** Each trial's reported objective per step, growing while it runs. */
function curvesChart(objective: string): ChartView {
  return {
    id: 'curves',
    title: 'Learning curves',
    description: `${objective} reported at each epoch by every trial; running trials are drawn on top and grow as their epochs end.`,
    spec: {
      $schema: SCHEMA,
      padding: PADDING,
      autosize: AUTOSIZE,
      width: 380,
      height: 260,
      data: { name: DATASET.curves },
      transform: [{ filter: 'datum.value != null' }],
      mark: { type: 'line', point: { size: 24, filled: true }, strokeWidth: 1.5 },
      encoding: {
        x: {
          field: 'step',
          type: 'quantitative',
          title: 'epoch',
          axis: { tickMinStep: 1, format: 'd' },
        },
        y: { field: 'value', type: 'quantitative', title: objective, scale: { zero: false } },
        detail: { field: 'key' },
        color: { field: 'state', type: 'nominal', scale: STATES, title: 'state' },
        opacity: { condition: { test: "datum.state == 'running'", value: 1 }, value: 0.45 },
        order: { field: 'running', type: 'quantitative' },
        tooltip: [
          { field: 'label', title: 'trial' },
          { field: 'state' },
          { field: 'step', title: 'epoch' },
          { field: 'value', format: '.4g' },
        ],
      },
    },
  };
}

/**
 * The search plane of every pair of parameters (log axes for log-scale ones): completed
 * trials coloured by objective (the best are brightest), pruned and failed ones as grey
 * crosses. With one parameter, the objective against it.
 */
function planesChart(
  parameters: readonly ParameterView[],
  objective: string,
  direction: Direction,
): ChartView | undefined {
  if (parameters.length === 0) return undefined;
  const color = {
    field: 'value',
    type: 'quantitative',
    title: objective,
    scale: { scheme: 'viridis', reverse: direction === 'minimize' },
  };
  const stopped = {
    transform: [{ filter: "datum.state == 'pruned' || datum.state == 'failed'" }],
    mark: { type: 'point', shape: 'cross', color: '#888', size: 50, opacity: 0.8 },
  };
  const completed = {
    transform: [{ filter: "datum.state == 'complete' && datum.value != null" }],
    mark: { type: 'circle', size: 70, opacity: 0.9, stroke: '#222', strokeWidth: 0.4 },
  };
  const pairs: [ParameterView, ParameterView][] = [];
  for (let i = 0; i < parameters.length; i++)
    for (let j = i + 1; j < parameters.length; j++) pairs.push([parameters[i]!, parameters[j]!]);
  const panels =
    pairs.length > 0
      ? pairs.map(([x, y]) => {
          const encoding = { x: axisOf(x), y: axisOf(y) };
          return {
            width: 240,
            height: 200,
            layer: [
              { ...stopped, encoding: { ...encoding, tooltip: tooltip() } },
              { ...completed, encoding: { ...encoding, color, tooltip: tooltip() } },
            ],
          };
        })
      : [
          {
            width: 400,
            height: 240,
            layer: [
              {
                ...completed,
                encoding: {
                  x: axisOf(parameters[0]!),
                  y: {
                    field: 'value',
                    type: 'quantitative',
                    title: objective,
                    scale: { zero: false },
                  },
                  color,
                  tooltip: tooltip(),
                },
              },
            ],
          },
        ];
  return {
    id: 'planes',
    title: pairs.length > 0 ? 'Search planes' : `${objective} against ${parameters[0]!.name}`,
    description:
      pairs.length > 0
        ? `Every pair of parameters, on their own scales (log axes for log-uniform ones): completed trials coloured by ${objective} (brightest is best), pruned and failed trials as grey crosses.`
        : `${objective} of the completed trials against the only parameter.`,
    spec: {
      $schema: SCHEMA,
      padding: PADDING,
      autosize: AUTOSIZE,
      data: { name: DATASET.trials },
      columns: 3,
      concat: panels,
      resolve: { scale: { color: 'shared' } },
    },
  };
}

/** The share of the objective's rank variance each parameter explains, per stage. */
function importanceChart(): ChartView {
  return {
    id: 'importance',
    title: 'Parameter importance',
    description:
      'Share of the variance of the objective ranks each parameter explains alone, per stage (fanin sweep prints the same numbers); the tooltip gives the Spearman ρ with the value.',
    spec: {
      $schema: SCHEMA,
      padding: PADDING,
      autosize: AUTOSIZE,
      width: 320,
      height: { step: 14 },
      data: { name: DATASET.importance },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'parameter', type: 'nominal', title: null },
        yOffset: { field: 'stage', type: 'nominal' },
        x: {
          field: 'importance',
          type: 'quantitative',
          title: 'importance',
          axis: { format: '.0%' },
          scale: { domain: [0, 1] },
        },
        color: { field: 'stage', type: 'nominal', title: 'stage', legend: { labelLimit: 180 } },
        tooltip: [
          { field: 'stage' },
          { field: 'parameter' },
          { field: 'importance', format: '.1%' },
          { field: 'spearman', title: 'Spearman ρ', format: '+.2f' },
        ],
      },
    },
  };
}

/** The page's charts for a sweep's parameters (they change only when the parameters do). */
export function dashboardCharts(
  parameters: readonly ParameterView[],
  objective: string,
  direction: Direction,
): ChartView[] {
  const planes = planesChart(parameters, objective, direction);
  return [
    historyChart(objective, direction),
    curvesChart(objective),
    ...(planes ? [planes] : []),
    importanceChart(),
  ];
}
