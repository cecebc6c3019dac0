// Vega-Lite specs of the demos' plots, as plain functions of the numbers. Faceted plots (a
// panel per layer, the two panels of the race) cannot use Vega-Lite's `width: 'container'`,
// so they take the width they have (VegaChart measures it) and put as many panels side by
// side as fit, stacking the rest: on a 390 px phone every panel stays on screen.

type Spec = Record<string, unknown>;

/** A spec, or a spec for the width in CSS pixels its chart has (redrawn when that changes). */
export type ChartSpec = Spec | ((width: number) => Spec);

/** The width assumed where none is measured (server rendering, tests): the docs' content column. */
export const DEFAULT_CHART_WIDTH = 640;

/** The room a y axis with its labels takes, the gap between panels, Vega's padding around a chart. */
const Y_AXIS = 48;
const PANEL_GAP = 20;
const CHART_PADDING = 10;

export interface FacetLayout {
  readonly columns: number;
  /** The width of each panel's plot area. */
  readonly panelWidth: number;
  /**
   * Whether the panels share one y scale: a wrapped facet then draws the y axis on the first
   * column only. Panels with independent scales (`resolve: { scale: { y: 'independent' } }`)
   * each have their own.
   */
  readonly sharedYAxis: boolean;
}

/** The width a facet layout takes, plot areas, axes, gaps and padding included. */
export function facetWidth({ columns, panelWidth, sharedYAxis }: FacetLayout): number {
  const axes = sharedYAxis ? 1 : columns;
  return CHART_PADDING + axes * Y_AXIS + columns * panelWidth + (columns - 1) * PANEL_GAP;
}

/**
 * How many panels of at least `minPanel` px fit side by side in `width` px (at most
 * `maxColumns`, at least one), and how wide each plot area is then.
 */
export function facetLayout(
  width: number,
  minPanel: number,
  maxColumns: number,
  sharedYAxis = false,
): FacetLayout {
  const room = (columns: number) =>
    Math.floor((width - facetWidth({ columns, panelWidth: 0, sharedYAxis })) / columns);
  let columns = Math.max(1, maxColumns);
  while (columns > 1 && room(columns) < minPanel) columns--;
  return { columns, panelWidth: Math.max(40, room(columns)), sharedYAxis };
}

/** Colors readable on the light and the dark theme. */
export const PALETTE = {
  value: '#3451b2',
  derivative: '#e36209',
  plain: '#d73a49',
  batchNorm: '#22863a',
} as const;

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  background: 'transparent',
  config: {
    axis: {
      labelColor: '#8b8d98',
      titleColor: '#8b8d98',
      gridColor: '#8b8d9833',
      domainColor: '#8b8d98',
      tickColor: '#8b8d98',
    },
    legend: { labelColor: '#8b8d98', titleColor: '#8b8d98', orient: 'bottom' },
    header: { labelColor: '#8b8d98', titleColor: '#8b8d98' },
    title: { color: '#8b8d98' },
    view: { stroke: null },
  },
};

/** f(x) and f'(x) on one set of axes. */
export function activationSpec(
  name: string,
  x: readonly number[],
  y: readonly number[],
  dy: readonly number[],
): Spec {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const curves = [`${name}(x)`, `${name}′(x)`];
  const values = x.flatMap((xi, i) => [
    { x: xi, value: finite(y[i]!), curve: curves[0] },
    { x: xi, value: finite(dy[i]!), curve: curves[1] },
  ]);
  return {
    ...base,
    width: 'container',
    height: 300,
    data: { values },
    mark: { type: 'line', strokeWidth: 2.5, clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x' },
      y: { field: 'value', type: 'quantitative', title: null },
      color: {
        field: 'curve',
        type: 'nominal',
        title: null,
        scale: { domain: curves, range: [PALETTE.value, PALETTE.derivative] },
        legend: { orient: 'top' },
      },
      strokeDash: {
        field: 'curve',
        type: 'nominal',
        title: null,
        scale: {
          domain: curves,
          range: [
            [1, 0],
            [6, 4],
          ],
        },
        legend: { orient: 'top' },
      },
    },
  };
}

/** One histogram per layer (the share of values in each bin), up to five per row, as many as `width` px fit. */
export function layerHistogramsSpec(
  bins: readonly { layer: number; binStart: number; binEnd: number; share: number }[],
  width: number = DEFAULT_CHART_WIDTH,
): Spec {
  const layers = new Set(bins.map((bin) => bin.layer)).size;
  const { columns, panelWidth } = facetLayout(width, 80, Math.min(5, Math.max(1, layers)), true);
  return {
    ...base,
    data: { values: bins.map((bin) => ({ ...bin, layer: `layer ${bin.layer}` })) },
    facet: { field: 'layer', type: 'nominal', title: null, sort: null },
    columns,
    spacing: PANEL_GAP,
    spec: {
      width: panelWidth,
      height: columns === 1 ? 110 : 140,
      mark: { type: 'bar', color: PALETTE.value, binSpacing: 0 },
      encoding: {
        x: {
          field: 'binStart',
          type: 'quantitative',
          bin: { binned: true },
          title: null,
          axis: { tickCount: 3, labelOverlap: true },
        },
        x2: { field: 'binEnd' },
        y: { field: 'share', type: 'quantitative', title: null, axis: { format: '%' } },
      },
    },
  };
}

/**
 * Training loss and validation accuracy per epoch, one line per network, in two panels: side
 * by side when `width` px hold both, stacked otherwise.
 */
export function raceSpec(
  runs: readonly {
    variant: string;
    history: { epoch: number[]; loss: (number | null)[]; val_accuracy: (number | null)[] };
  }[],
  width: number = DEFAULT_CHART_WIDTH,
): Spec {
  const { columns, panelWidth } = facetLayout(width, 200, 2);
  const label = (variant: string) => (variant === 'none' ? 'without' : `with ${variant}`);
  const names = runs
    .map((run) => label(run.variant))
    .sort((a, b) => (a === 'without' ? -1 : b === 'without' ? 1 : a.localeCompare(b)));
  const values = runs.flatMap((run) =>
    run.history.epoch.flatMap((epoch, i) => [
      {
        panel: 'training loss',
        epoch,
        value: run.history.loss[i] ?? null,
        network: label(run.variant),
      },
      {
        panel: 'validation accuracy',
        epoch,
        value: run.history.val_accuracy[i] ?? null,
        network: label(run.variant),
      },
    ]),
  );
  return {
    ...base,
    data: { values },
    facet: {
      field: 'panel',
      type: 'nominal',
      title: null,
      sort: ['training loss', 'validation accuracy'],
    },
    columns,
    spacing: PANEL_GAP,
    spec: {
      width: panelWidth,
      height: columns === 1 ? 180 : 220,
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: {
          field: 'network',
          type: 'nominal',
          title: null,
          scale: { domain: names, range: [PALETTE.plain, PALETTE.batchNorm] },
        },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** A parameter against a metric, one point per trial (log x for log-scale parameters). */
export function parameterSpec(
  parameter: string,
  metric: string,
  logScale: boolean,
  points: readonly { number: number; x: number; y: number | null; state: string }[],
): Spec {
  return {
    ...base,
    width: 'container',
    height: 260,
    data: { values: points },
    mark: { type: 'point', filled: true, size: 70, opacity: 0.85 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: parameter,
        scale: { type: logScale ? 'log' : 'linear', zero: false },
        axis: { labelOverlap: 'greedy', format: '~g' },
      },
      y: { field: 'y', type: 'quantitative', title: metric, scale: { zero: false } },
      color: {
        field: 'state',
        type: 'nominal',
        title: 'trial',
        scale: {
          domain: ['complete', 'pruned', 'failed', 'running'],
          range: [PALETTE.value, PALETTE.derivative, PALETTE.plain, '#8b8d98'],
        },
      },
      tooltip: [
        { field: 'number', title: 'trial' },
        { field: 'x', title: parameter, format: '.3~g' },
        { field: 'y', title: metric, format: '.4~g' },
        { field: 'state' },
      ],
    },
  };
}
