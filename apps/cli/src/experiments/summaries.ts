import type { ExperimentResult } from '@fanin/experiments';
import { formatNumber, formatPercent, formatTable } from '../output/table.js';

// The summaries read the experiments' result data (documented in @fanin/experiments) through
// small structural types, so an experiment that adds fields does not break the CLI.

type Data = Readonly<Record<string, unknown>>;

function array<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatPercent(value);
}

/** activationDistributions: the std of each layer's activations, saturation and dead values in the last layer. */
export function summarizeDistributions(result: ExperimentResult): string {
  const cells = array<{
    activation: string;
    initializer: string;
    layers: {
      layer: number;
      std: number | null;
      shareSaturated: number | null;
      shareDead: number;
      deadUnits: number;
    }[];
  }>((result as unknown as Data).cells);
  const layers = Math.max(0, ...cells.map((cell) => cell.layers.length));
  return [
    `Activation std by layer (1 to ${layers}), and the last layer's share saturated / exactly 0 / dead units`,
    formatTable(cells, [
      { header: 'activation', value: (cell) => cell.activation },
      { header: 'initializer', value: (cell) => cell.initializer },
      {
        header: 'std by layer',
        value: (cell) =>
          cell.layers
            .map((layer) => (layer.std === null ? 'n/a' : formatNumber(layer.std)))
            .join(' '),
      },
      {
        header: 'saturated',
        value: (cell) => percent(cell.layers.at(-1)?.shareSaturated),
        align: 'right',
      },
      { header: 'zero', value: (cell) => percent(cell.layers.at(-1)?.shareDead), align: 'right' },
      {
        header: 'dead units',
        value: (cell) => percent(cell.layers.at(-1)?.deadUnits),
        align: 'right',
      },
    ]),
  ].join('\n');
}

/** symmetry: one finding per initializer, with the training accuracy. */
export function summarizeSymmetry(result: ExperimentResult): string {
  const runs = array<{ initializer: string; accuracy: number | null; finding: string }>(
    (result as unknown as Data).runs,
  );
  return [
    formatTable(runs, [
      { header: 'initializer', value: (run) => run.initializer },
      { header: 'accuracy', value: (run) => percent(run.accuracy), align: 'right' },
    ]),
    '',
    ...runs.map((run) => `- ${run.finding}`),
  ].join('\n');
}

/**
 * batchNormComparison: the metric of every variant (the compared normalization, group norm on
 * the CNN, none) at each weight scale, and which of the compared pair ended higher.
 */
export function summarizeBatchNorm(result: ExperimentResult): string {
  const data = result as unknown as Data;
  const comparisons = array<{
    scale: number;
    withNormalization: number | null;
    without: number | null;
    winner: string;
    finals?: Record<string, number | null>;
  }>(data.comparisons);
  const summary = data.summary as { message?: string } | undefined;
  const variants = Object.keys(comparisons[0]?.finals ?? {});
  const columns =
    variants.length > 2
      ? variants.map((variant) => ({
          header: variant === 'none' ? 'without' : variant,
          value: (row: (typeof comparisons)[number]) => percent(row.finals?.[variant] ?? null),
          align: 'right' as const,
        }))
      : [
          {
            header: 'with',
            value: (row: (typeof comparisons)[number]) => percent(row.withNormalization),
            align: 'right' as const,
          },
          {
            header: 'without',
            value: (row: (typeof comparisons)[number]) => percent(row.without),
            align: 'right' as const,
          },
        ];
  return [
    formatTable(comparisons, [
      { header: 'weight std', value: (row) => formatNumber(row.scale), align: 'right' },
      ...columns,
      {
        header: 'better',
        value: (row) =>
          row.winner === 'normalization' ? 'with' : row.winner === 'none' ? 'without' : 'tie',
      },
    ]),
    ...(summary?.message ? ['', summary.message] : []),
  ].join('\n');
}

/** hyperparameterSearch: each stage's best trials, the best overall and the warnings. */
export function summarizeSearch(result: ExperimentResult): string {
  const data = result as unknown as Data;
  const stages = array<{
    stage: string;
    counts?: Record<string, number>;
    leaderboard?: {
      number: number;
      learningRate: number;
      weightDecay: number;
      valLoss: number;
      valAccuracy: number | null;
    }[];
    ranges?: unknown;
  }>(data.stages);
  const lines: string[] = [];
  for (const stage of stages) {
    const counts = stage.counts
      ? Object.entries(stage.counts)
          .filter(([, count]) => count > 0)
          .map(([state, count]) => `${count} ${state}`)
          .join(', ')
      : '';
    lines.push(`Stage ${stage.stage}${counts ? ` (${counts})` : ''}`);
    const rows = array<{
      number: number;
      learningRate: number;
      weightDecay: number;
      valLoss: number;
      valAccuracy: number | null;
    }>(stage.leaderboard).slice(0, 5);
    if (rows.length > 0)
      lines.push(
        formatTable(rows, [
          { header: 'trial', value: (row) => `#${row.number}`, align: 'right' },
          {
            header: 'learning rate',
            value: (row) => formatNumber(row.learningRate),
            align: 'right',
          },
          { header: 'weight decay', value: (row) => formatNumber(row.weightDecay), align: 'right' },
          { header: 'val loss', value: (row) => formatNumber(row.valLoss), align: 'right' },
          { header: 'val accuracy', value: (row) => percent(row.valAccuracy), align: 'right' },
        ]),
      );
    lines.push('');
  }
  const best = data.best as
    | {
        stage: string;
        number: number;
        learningRate: number;
        weightDecay: number;
        valLoss: number;
        valAccuracy: number | null;
      }
    | undefined;
  if (best)
    lines.push(
      `Best: ${best.stage} trial #${best.number}, learning rate ${formatNumber(best.learningRate)}, weight decay ${formatNumber(best.weightDecay)}: val loss ${formatNumber(best.valLoss)}${best.valAccuracy !== null ? `, val accuracy ${percent(best.valAccuracy)}` : ''}`,
    );
  for (const warning of array<string | { message?: string }>(data.warnings))
    lines.push(
      `! ${typeof warning === 'string' ? warning : (warning.message ?? JSON.stringify(warning))}`,
    );
  return lines.join('\n').trim();
}

/** trainingHealth: one line per finding, marked ok / warn / bad. */
export function summarizeHealth(result: ExperimentResult): string {
  const findings = array<{ level: string; check?: string; message: string }>(
    (result as unknown as Data).findings,
  );
  const mark: Record<string, string> = { ok: 'ok  ', warn: 'warn', bad: 'BAD ' };
  return findings
    .map((finding) => `${mark[finding.level] ?? finding.level}  ${finding.message}`)
    .join('\n');
}
