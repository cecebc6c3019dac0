import { type Plot, plot } from '../shared/plot.js';
import type { CurvePoint } from './hyperparameter-search.js';
import type { TrialRow } from './stage-summary.js';

const STAGES = ['coarse', 'fine'];

function scatter(
  name: string,
  title: string,
  rows: readonly TrialRow[],
  field: 'learningRate' | 'weightDecay',
  axis: string,
): Plot {
  return plot(name, title, {
    data: { values: rows.filter((row) => row.valAccuracy !== null) },
    mark: { type: 'point', filled: true, opacity: 0.8, tooltip: true },
    encoding: {
      x: { field, type: 'quantitative', scale: { type: 'log' }, title: `${axis} (log scale)` },
      y: { field: 'valAccuracy', type: 'quantitative', title: 'validation accuracy' },
      color: { field: 'stage', type: 'nominal', sort: STAGES },
      tooltip: [
        { field: 'stage', type: 'nominal' },
        { field: 'number', type: 'quantitative', title: 'trial' },
        { field: 'learningRate', type: 'quantitative', format: '.2e' },
        { field: 'weightDecay', type: 'quantitative', format: '.2e' },
        { field: 'valAccuracy', type: 'quantitative', format: '.3f' },
        { field: 'valLoss', type: 'quantitative', format: '.3f' },
      ],
    },
  });
}

/**
 * The search's plots: validation accuracy against the learning rate and against the weight
 * decay (log x, one point per completed trial, colored by stage), both rates of every trial
 * with its outcome, and the learning curves of the best trials.
 */
export function hyperparameterSearchPlots(
  rows: readonly TrialRow[],
  curves: readonly CurvePoint[],
): Plot[] {
  const plane = plot(
    'search-plane',
    'Every trial: learning rate and weight decay, colored by validation accuracy',
    {
      data: {
        values: rows.map((row) => ({
          ...row,
          outcome: row.state === 'complete' ? 'complete' : row.state,
        })),
      },
      mark: { type: 'point', filled: true, tooltip: true },
      encoding: {
        x: {
          field: 'learningRate',
          type: 'quantitative',
          scale: { type: 'log' },
          title: 'learning rate (log scale)',
        },
        y: {
          field: 'weightDecay',
          type: 'quantitative',
          scale: { type: 'log' },
          title: 'weight decay (log scale)',
        },
        color: { field: 'valAccuracy', type: 'quantitative', title: 'validation accuracy' },
        shape: { field: 'outcome', type: 'nominal' },
        column: { field: 'stage', type: 'nominal', sort: STAGES, title: null },
      },
    },
  );
  const trials = [...new Set(curves.map((point) => point.trial))];
  const best = plot('best-curves', 'Validation accuracy by epoch of the best trials', {
    data: { values: curves },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1 } },
      y: { field: 'val_accuracy', type: 'quantitative', title: 'validation accuracy' },
      color: { field: 'trial', type: 'nominal', sort: trials },
    },
  });
  return [
    scatter(
      'learning-rate-vs-accuracy',
      'Validation accuracy against the learning rate',
      rows,
      'learningRate',
      'learning rate',
    ),
    scatter(
      'weight-decay-vs-accuracy',
      'Validation accuracy against the weight decay',
      rows,
      'weightDecay',
      'weight decay',
    ),
    plane,
    best,
  ];
}
