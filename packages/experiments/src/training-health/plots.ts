import { type Plot, plot } from '../shared/plot.js';
import type { LayerHealth } from './training-health.js';

/**
 * The training-health plots: the per-step loss (raw and smoothed), the update/weight ratio
 * per layer against the healthy 1e-3, training and validation accuracy by epoch, and the dead
 * units per relu-like layer before and after training.
 */
export function trainingHealthPlots(
  losses: readonly number[],
  updateRatios: readonly { layer: string; step: number; ratio: number | null }[],
  epochs: readonly { epoch: number; accuracy: number | null; val_accuracy: number | null }[],
  layers: readonly LayerHealth[],
): Plot[] {
  const window = Math.max(1, Math.round(losses.length * 0.02));
  const lossPlot = plot('loss-curve', 'Training loss per step (light) and its moving mean', {
    data: {
      values: losses.map((loss, step) => ({
        step: step + 1,
        loss: Number.isFinite(loss) ? loss : null,
      })),
    },
    transform: [
      { window: [{ op: 'mean', field: 'loss', as: 'smoothed' }], frame: [-(window - 1), 0] },
    ],
    layer: [
      {
        mark: { type: 'line', opacity: 0.3 },
        encoding: {
          x: { field: 'step', type: 'quantitative' },
          y: { field: 'loss', type: 'quantitative', title: 'training loss' },
        },
      },
      {
        mark: { type: 'line' },
        encoding: {
          x: { field: 'step', type: 'quantitative' },
          y: { field: 'smoothed', type: 'quantitative' },
        },
      },
    ],
  });
  const layerNames = [...new Set(updateRatios.map((row) => row.layer))];
  const ratioPlot = plot(
    'update-ratio',
    'Update/weight ratio per step and layer (healthy: about 1e-3)',
    {
      data: { values: updateRatios.filter((row) => row.ratio !== null && row.ratio > 0) },
      layer: [
        {
          mark: { type: 'line', tooltip: true },
          encoding: {
            x: { field: 'step', type: 'quantitative' },
            y: {
              field: 'ratio',
              type: 'quantitative',
              scale: { type: 'log' },
              title: '‖ΔW‖ / ‖W‖ (log scale)',
            },
            color: { field: 'layer', type: 'nominal', sort: layerNames },
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { datum: 1e-3 } } },
      ],
    },
  );
  const accuracyPlot = plot('accuracy', 'Training and validation accuracy by epoch', {
    data: { values: epochs },
    transform: [{ fold: ['accuracy', 'val_accuracy'], as: ['set', 'value'] }],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', title: 'accuracy' },
      color: { field: 'set', type: 'nominal' },
    },
  });
  const dead = layers
    .filter((layer) => layer.deadUnitsAfter !== null)
    .flatMap((layer) => [
      {
        layer: layer.layer,
        when: 'before training',
        dead: (layer.deadUnitsBefore ?? 0) / layer.units!,
      },
      { layer: layer.layer, when: 'after training', dead: layer.deadUnitsAfter! / layer.units! },
    ]);
  const plots = [lossPlot, ratioPlot, accuracyPlot];
  if (dead.length > 0) {
    plots.push(
      plot(
        'dead-units',
        'Share of dead units (0 on every validation example) per relu-like layer',
        {
          data: { values: dead },
          mark: { type: 'bar', tooltip: true },
          encoding: {
            x: { field: 'layer', type: 'nominal', sort: dead.map((row) => row.layer), title: null },
            xOffset: {
              field: 'when',
              type: 'nominal',
              sort: ['before training', 'after training'],
            },
            y: {
              field: 'dead',
              type: 'quantitative',
              scale: { domain: [0, 1] },
              axis: { format: '%' },
              title: 'dead units',
            },
            color: { field: 'when', type: 'nominal', sort: ['before training', 'after training'] },
          },
        },
      ),
    );
  }
  return plots;
}
