import { type Plot, plot } from '../shared/plot.js';
import type { TensorGradientCheck } from './finite-differences.js';

/**
 * The sanity-check plots: the loss and accuracy of the overfitting check by step, and the
 * worst gradient error per checked tensor as a share of the tolerance (1 is the limit).
 */
export function sanityCheckPlots(
  overfitCurve: readonly { step: number; loss: number | null; accuracy: number | null }[],
  gradients: readonly TensorGradientCheck[],
): Plot[] {
  const overfit = plot(
    'overfit-curve',
    'Overfitting a few examples: loss and training accuracy by step',
    {
      data: { values: overfitCurve.map((point) => ({ ...point, step: point.step + 1 })) },
      transform: [
        { fold: ['loss', 'accuracy'], as: ['measure', 'value'] },
        { filter: 'datum.value !== null' },
      ],
      facet: {
        row: { field: 'measure', type: 'nominal', sort: ['loss', 'accuracy'], title: null },
      },
      spec: {
        width: 360,
        height: 120,
        mark: { type: 'line' },
        encoding: {
          x: { field: 'step', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative', title: null },
        },
      },
      resolve: { scale: { y: 'independent' } },
    },
  );
  // Exact agreement (ratio 0) is drawn at 1e-6 so that the log scale can show it.
  const errors = gradients.map((g) => ({
    tensor: g.tensor,
    errorRatio: g.maxErrorRatio === null ? null : Math.max(g.maxErrorRatio, 1e-6),
    ok: g.ok,
  }));
  const gradcheck = plot(
    'gradcheck-errors',
    'Gradient error against finite differences, as a share of the tolerance, per tensor',
    {
      data: { values: errors },
      layer: [
        {
          mark: { type: 'point', filled: true, size: 80, tooltip: true },
          encoding: {
            x: { field: 'tensor', type: 'nominal', sort: errors.map((e) => e.tensor), title: null },
            y: {
              field: 'errorRatio',
              type: 'quantitative',
              scale: { type: 'log' },
              title: 'worst error / tolerance (log scale)',
            },
            color: { field: 'ok', type: 'nominal', title: 'within tolerance' },
          },
        },
        { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { datum: 1 } } },
      ],
    },
  );
  return [overfit, gradcheck];
}
