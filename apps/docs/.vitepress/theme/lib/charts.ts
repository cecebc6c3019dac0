// Vega-Lite specs of the demos' plots, as plain functions of the numbers.

type Spec = Record<string, unknown>;

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

/** One histogram per layer on shared bins and a shared count axis, up to five per row. */
export function layerHistogramsSpec(
  edges: readonly number[],
  layers: readonly { layer: number; counts: readonly number[] }[],
): Spec {
  const values = layers.flatMap(({ layer, counts }) =>
    counts.map((count, bin) => ({
      layer: `layer ${layer}`,
      start: edges[bin]!,
      end: edges[bin + 1]!,
      count,
    })),
  );
  const columns = Math.min(5, Math.max(1, layers.length));
  return {
    ...base,
    data: { values },
    facet: { field: 'layer', type: 'nominal', title: null, sort: null },
    columns,
    spec: {
      width: Math.floor(540 / columns) - 12,
      height: 140,
      mark: { type: 'bar', color: PALETTE.value, binSpacing: 0 },
      encoding: {
        x: {
          field: 'start',
          type: 'quantitative',
          bin: { binned: true },
          title: null,
          axis: { tickCount: 3, labelOverlap: true },
        },
        x2: { field: 'end' },
        y: { field: 'count', type: 'quantitative', title: null, axis: { format: '~s' } },
      },
    },
  };
}

/** Loss and validation accuracy per epoch, one line per contender, in two panels. */
export function raceSpec(
  points: readonly { contender: string; epoch: number; loss: number; valAccuracy: number }[],
): Spec {
  const label = (contender: string) => (contender === 'batchNorm' ? 'with batch norm' : 'without');
  const values = points.flatMap((point) => [
    {
      panel: 'training loss',
      epoch: point.epoch,
      value: Number.isFinite(point.loss) ? point.loss : null,
      network: label(point.contender),
    },
    {
      panel: 'validation accuracy',
      epoch: point.epoch,
      value: point.valAccuracy,
      network: label(point.contender),
    },
  ]);
  return {
    ...base,
    data: { values },
    facet: {
      column: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: ['training loss', 'validation accuracy'],
      },
    },
    spec: {
      width: 245,
      height: 220,
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null },
        color: {
          field: 'network',
          type: 'nominal',
          title: null,
          scale: {
            domain: ['without', 'with batch norm'],
            range: [PALETTE.plain, PALETTE.batchNorm],
          },
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
