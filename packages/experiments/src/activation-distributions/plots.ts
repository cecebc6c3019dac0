import { type Plot, plot, slug } from '../shared/plot.js';
import type { DistributionCell, HistogramBin } from './activation-distributions.js';

/**
 * The plots of the activation-distribution experiment: one histogram grid per activation (rows =
 * initializers, columns = layers, as the classic figures), the standard deviation by layer
 * (log scale) and the saturated and dead shares by layer.
 */
export function activationDistributionPlots(
  cells: readonly DistributionCell[],
  histograms: readonly HistogramBin[],
  activations: readonly string[],
): Plot[] {
  const initializers = [...new Set(cells.map((cell) => cell.initializer))];
  const grids = activations.map((activation) =>
    plot(
      `histograms-${slug(activation)}`,
      `${activation}: activations by layer (columns) and initializer (rows)`,
      {
        data: { values: histograms.filter((bin) => bin.activation === activation) },
        facet: {
          row: { field: 'initializer', type: 'nominal', sort: initializers, title: null },
          column: {
            field: 'layer',
            type: 'ordinal',
            header: { labelExpr: "datum.value + '-layer'" },
            title: null,
          },
        },
        spec: {
          width: 110,
          height: 70,
          mark: { type: 'bar', tooltip: true },
          encoding: {
            x: {
              field: 'binStart',
              type: 'quantitative',
              bin: { binned: true },
              title: activation,
            },
            x2: { field: 'binEnd' },
            y: { field: 'share', type: 'quantitative', title: 'share', axis: { format: '%' } },
          },
        },
        resolve: { scale: { x: 'independent', y: 'independent' } },
      },
    ),
  );
  const rows = cells.flatMap((cell) =>
    cell.layers.map((layer) => ({
      activation: cell.activation,
      initializer: cell.initializer,
      layer: layer.layer,
      std: layer.std,
      shareSaturated: layer.shareSaturated,
      shareDead: layer.shareDead,
    })),
  );
  const std = plot('std-by-layer', 'Standard deviation of the activations by layer', {
    data: { values: rows.filter((row) => row.std !== null && row.std > 0) },
    facet: {
      column: { field: 'activation', type: 'nominal', sort: [...activations], title: null },
    },
    spec: {
      width: 180,
      height: 150,
      mark: { type: 'line', point: true, tooltip: true },
      encoding: {
        x: { field: 'layer', type: 'ordinal' },
        y: { field: 'std', type: 'quantitative', scale: { type: 'log' }, title: 'std (log scale)' },
        color: { field: 'initializer', type: 'nominal', sort: initializers },
      },
    },
    resolve: { scale: { y: 'independent' } },
  });
  const shares = plot(
    'saturation-by-layer',
    'Share of saturated and of zero activations by layer',
    {
      data: { values: rows },
      transform: [
        { fold: ['shareSaturated', 'shareDead'], as: ['measure', 'share'] },
        { filter: 'datum.share !== null' },
        {
          calculate: "datum.measure === 'shareSaturated' ? 'saturated' : 'exactly 0'",
          as: 'measure',
        },
      ],
      facet: {
        column: { field: 'activation', type: 'nominal', sort: [...activations], title: null },
      },
      spec: {
        width: 180,
        height: 150,
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: { field: 'layer', type: 'ordinal' },
          y: {
            field: 'share',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { format: '%' },
          },
          color: { field: 'initializer', type: 'nominal', sort: initializers },
          strokeDash: { field: 'measure', type: 'nominal' },
        },
      },
    },
  );
  return [...grids, std, shares];
}
