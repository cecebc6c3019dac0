import { formatStageReport, type StageReport, type Study, type TrialRecord } from '@fanin/search';
import type { PlotInput } from '../render/write-plots.js';
import { sweepPlots } from './sweep-plots.js';

/** A sweep's stages with their trials and reports. */
export interface SweepSnapshot {
  readonly objective: string;
  readonly stages: readonly {
    readonly study: Study;
    readonly trials: readonly TrialRecord[];
    readonly report: StageReport;
  }[];
}

/**
 * Loads the trials and stage report of each study: `leaderboard` rows (default 10), and per
 * stage the `top` trials its next ranges come from (default max(3, 10% of the completed)).
 */
export async function snapshotOf(
  studies: readonly Study[],
  objective: string,
  options: { readonly leaderboard?: number; readonly tops?: readonly (number | undefined)[] } = {},
): Promise<SweepSnapshot> {
  const stages = [];
  for (const [index, study] of studies.entries()) {
    const top = options.tops?.[index];
    stages.push({
      study,
      trials: await study.trials(),
      report: await study.report({
        ...(options.leaderboard !== undefined ? { leaderboard: options.leaderboard } : {}),
        ...(top !== undefined ? { top } : {}),
      }),
    });
  }
  return { objective, stages };
}

/** The reports of every stage as terminal text. */
export function formatSweep(snapshot: SweepSnapshot): string {
  return snapshot.stages.map((stage) => formatStageReport(stage.report)).join('\n\n');
}

/** The plots of a sweep snapshot. */
export function snapshotPlots(snapshot: SweepSnapshot): PlotInput[] {
  const direction = snapshot.stages[0]?.study.direction ?? 'minimize';
  return sweepPlots(snapshot.stages, snapshot.objective, direction);
}

/** The JSON form of a snapshot: each stage's counts, best trial, leaderboard, warnings, importance and next ranges. */
export function snapshotJson(snapshot: SweepSnapshot) {
  return {
    objective: snapshot.objective,
    stages: snapshot.stages.map(({ study, report }) => ({
      study: study.name,
      direction: report.direction,
      counts: report.counts,
      best: report.best
        ? { number: report.best.number, value: report.best.value, params: report.best.params }
        : null,
      leaderboard: report.leaderboard,
      warnings: report.edges.map((edge) => edge.message),
      importance: report.importance,
      nextSpace: report.refined
        ? Object.fromEntries(Object.entries(report.refined).map(([name, d]) => [name, d.toJSON()]))
        : null,
    })),
  };
}
