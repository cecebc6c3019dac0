import { type Plot, plot } from '../shared/plot.js';
import type { SymmetryRun, SymmetryTracePoint } from './symmetry.js';

/**
 * The symmetry plots: the max pairwise difference between units by epoch (one panel per
 * layer, symlog scale so that exact zeros show), and the number of distinct units per layer
 * after training.
 */
export function symmetryPlots(
  runs: readonly SymmetryRun[],
  trace: readonly SymmetryTracePoint[],
): Plot[] {
  const initializers = runs.map((run) => run.initializer);
  const layers = [...new Set(trace.map((point) => point.layer))];
  const overTraining = plot(
    'difference-over-training',
    'Largest difference between two units of a layer, by epoch',
    {
      data: { values: trace },
      facet: { column: { field: 'layer', type: 'nominal', sort: layers, title: null } },
      spec: {
        width: 180,
        height: 150,
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: {
            field: 'maxDifference',
            type: 'quantitative',
            scale: { type: 'symlog', constant: 1e-3 },
            title: 'max difference between units',
          },
          color: { field: 'initializer', type: 'nominal', sort: initializers },
        },
      },
    },
  );
  const distinct = plot('distinct-units', 'Distinct units per layer after training', {
    data: {
      values: runs.flatMap((run) =>
        run.layers.map((layer) => ({
          initializer: run.initializer,
          layer: layer.name,
          distinctUnits: layer.final.distinctUnits,
          units: layer.units,
        })),
      ),
    },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'layer', type: 'nominal', sort: layers, title: null },
      xOffset: { field: 'initializer', type: 'nominal', sort: initializers },
      y: { field: 'distinctUnits', type: 'quantitative', title: 'distinct units' },
      color: { field: 'initializer', type: 'nominal', sort: initializers },
    },
  });
  return [overTraining, distinct];
}
