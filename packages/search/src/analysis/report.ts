import { formatNumber } from '../space/format.js';
import { describeSpace, type Space } from '../space/space.js';
import type { Direction, TrialRecord, TrialState } from '../storage/storage.js';
import { type EdgeWarning, edgeWarnings } from './edges.js';
import { type ParameterImportance, parameterImportance } from './importance.js';
import { completedTrials, type LeaderboardRow, leaderboard, topTrials } from './leaderboard.js';
import { type RefineOptions, refine } from './refine.js';

/** What a finished stage says: how it went, what won, what to change. */
export interface StageReport {
  readonly study: string;
  readonly direction: Direction;
  readonly space: Space;
  readonly counts: Readonly<Record<TrialState, number>> & { readonly total: number };
  readonly best: TrialRecord | undefined;
  readonly leaderboard: readonly LeaderboardRow[];
  /** The trials `refined` was built from, best first. */
  readonly top: readonly TrialRecord[];
  readonly edges: readonly EdgeWarning[];
  readonly importance: readonly ParameterImportance[];
  /** The next stage's space (absent when no trial completed). */
  readonly refined: Space | undefined;
}

/** Options of {@link stageReport}. */
export interface StageReportOptions {
  /** Trials the next stage's ranges are built from. Default max(3, 10% of the completed trials). */
  readonly top?: number;
  /** Rows in the leaderboard. Default 10. */
  readonly leaderboard?: number;
  readonly refine?: RefineOptions;
  /** "At the edge" threshold for warnings. Default 0.05 (or `refine.edge`). */
  readonly edge?: number;
}

/** The default number of top trials a stage refines from: max(3, 10% of completed). */
export function defaultTopCount(completed: number): number {
  return Math.min(completed, Math.max(3, Math.ceil(completed * 0.1)));
}

/** Leaderboard, edge warnings, parameter importance and the refined space of a stage. */
export function stageReport(
  study: { readonly name: string; readonly space: Space; readonly direction: Direction },
  trials: readonly TrialRecord[],
  options: StageReportOptions = {},
): StageReport {
  const counts = {
    running: 0,
    complete: 0,
    pruned: 0,
    failed: 0,
    waiting: 0,
    total: trials.length,
  };
  for (const trial of trials) counts[trial.state]++;
  const completed = completedTrials(trials).length;
  const top = topTrials(trials, study.direction, options.top ?? defaultTopCount(completed));
  const edge = options.edge ?? options.refine?.edge ?? 0.05;
  return {
    study: study.name,
    direction: study.direction,
    space: study.space,
    counts,
    best: top[0],
    leaderboard: leaderboard(trials, study.direction, { top: options.leaderboard ?? 10 }),
    top,
    edges: edgeWarnings(study.space, trials, study.direction, { threshold: edge }),
    importance: parameterImportance(study.space, trials),
    refined: top.length > 0 ? refine(study.space, top, { ...options.refine, edge }) : undefined,
  };
}

function formatParam(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : JSON.stringify(value);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The report as text for a terminal: counts, leaderboard, warnings, importance, next ranges. */
export function formatStageReport(report: StageReport): string {
  const { counts } = report;
  const lines = [
    `Study "${report.study}" (${report.direction}): ${counts.total} trials, ${counts.complete} complete, ${counts.pruned} pruned, ${counts.failed} failed${counts.running ? `, ${counts.running} unfinished` : ''}`,
  ];
  const names = Object.keys(report.space);
  if (report.leaderboard.length > 0) {
    lines.push('', 'Leaderboard');
    lines.push(
      ...table([
        ['rank', 'trial', 'value', ...names],
        ...report.leaderboard.map((row) => [
          String(row.rank),
          String(row.number),
          formatNumber(row.value),
          ...names.map((n) => formatParam(row.params[n])),
        ]),
      ]).map((l) => `  ${l}`),
    );
  }
  if (report.edges.length > 0) {
    lines.push('', 'Warnings');
    for (const warning of report.edges) lines.push(`  ! ${warning.message}`);
  }
  if (report.importance.length > 0) {
    lines.push(
      '',
      'Parameter importance (share of objective-rank variance explained; Spearman ρ with the value)',
    );
    lines.push(
      ...table(
        report.importance.map((row) => [
          row.parameter,
          `${(row.importance * 100).toFixed(1)}%`,
          row.spearman === undefined
            ? ''
            : `ρ ${row.spearman >= 0 ? '+' : ''}${row.spearman.toFixed(2)}`,
        ]),
      ).map((l) => `  ${l}`),
    );
  }
  if (report.refined) {
    lines.push('', `Next stage (from the top ${report.top.length} trials)`);
    for (const [name, distribution] of Object.entries(report.refined)) {
      const before = report.space[name]!.toString();
      const after = distribution.toString();
      lines.push(`  ${name}: ${before === after ? after : `${before} -> ${after}`}`);
    }
  } else {
    lines.push('', `No completed trial yet. Space: ${describeSpace(report.space)}`);
  }
  return lines.join('\n');
}
