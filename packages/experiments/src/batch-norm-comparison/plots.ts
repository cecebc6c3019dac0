import { type Plot, plot } from '../shared/plot.js';
import type { ComparisonMetric, ScaleComparison, ScaleRun } from './batch-norm-comparison.js';

const METRIC_TITLES: Record<ComparisonMetric, string> = {
  val_accuracy: 'validation accuracy',
  accuracy: 'training accuracy',
};

/** The label of a weight scale in panel headers: "w = 1.0e-2". */
export function scaleLabel(scale: number): string {
  return `w = ${scale.toExponential(1)}`;
}

/**
 * The classic figure: one small panel per weight scale with the accuracy by epoch of the
 * network with and without normalization, and a summary of the final values by scale.
 * `variants` are the labels in order, the compared normalization first and "none" last.
 */
export function batchNormComparisonPlots(
  runs: readonly ScaleRun[],
  comparisons: readonly ScaleComparison[],
  metric: ComparisonMetric,
  variants: readonly string[],
): Plot[] {
  const variant = variants[0]!;
  const others = variants.slice(1, -1);
  const compared = others.length > 0 ? [variant, ...others].join(', ') : variant;
  const labels = comparisons.map((c) => scaleLabel(c.scale));
  const curves = runs.flatMap((run) =>
    run.history.epoch.map((epoch, i) => ({
      scale: run.scale,
      scaleLabel: scaleLabel(run.scale),
      variant: run.variant,
      epoch,
      accuracy: run.history.accuracy[i] ?? null,
      val_accuracy: run.history.val_accuracy[i] ?? null,
    })),
  );
  const grid = plot(
    'accuracy-by-scale',
    `${METRIC_TITLES[metric]} by epoch, with ${compared} and without, for each initial weight scale`,
    {
      data: { values: curves },
      facet: { field: 'scaleLabel', type: 'nominal', sort: labels, title: null },
      columns: 4,
      spec: {
        width: 150,
        height: 110,
        mark: { type: 'line', tooltip: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: {
            field: metric,
            type: 'quantitative',
            scale: { domain: [0, 1] },
            title: METRIC_TITLES[metric],
          },
          color: { field: 'variant', type: 'nominal', sort: variants, title: null },
          strokeDash: { field: 'variant', type: 'nominal', sort: variants, legend: null },
        },
      },
    },
  );
  const summary = plot('final-by-scale', `Final ${METRIC_TITLES[metric]} by initial weight scale`, {
    data: {
      values: comparisons.flatMap((c) =>
        variants.map((label) => ({
          scale: c.scale,
          variant: label,
          value: c.finals[label] ?? null,
        })),
      ),
    },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: {
        field: 'scale',
        type: 'quantitative',
        scale: { type: 'log' },
        title: 'weight scale (std)',
      },
      y: {
        field: 'value',
        type: 'quantitative',
        scale: { domain: [0, 1] },
        title: METRIC_TITLES[metric],
      },
      color: { field: 'variant', type: 'nominal', sort: variants, title: null },
    },
  });
  return [grid, summary];
}
