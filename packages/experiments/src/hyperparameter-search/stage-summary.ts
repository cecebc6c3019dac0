import type {
  EdgeWarning,
  SpaceJson,
  Study,
  StageReport,
  TrialRecord,
  TrialState,
} from '@fanin/search';
import { spaceToJSON } from '@fanin/search';
import { jsonNumber } from '../shared/plot.js';

/** The two stages of the search, coarse then fine. */
export type StageName = 'coarse' | 'fine';

/** One trial, flattened for tables and plots. */
export interface TrialRow {
  readonly stage: StageName;
  readonly number: number;
  readonly state: TrialState;
  readonly learningRate: number;
  readonly weightDecay: number;
  /** The objective: validation loss after the stage's epochs (null unless complete). */
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
  /** Why the trial was pruned or failed. */
  readonly reason: string | null;
}

/** A leaderboard row. */
export interface LeaderboardEntry {
  readonly rank: number;
  readonly number: number;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly valLoss: number;
  readonly valAccuracy: number | null;
}

/** A parameter's importance in a stage (see `parameterImportance` of @fanin/search). */
export interface ImportanceEntry {
  readonly parameter: string;
  readonly importance: number;
  readonly share: number;
  /** Rank correlation with the validation loss (negative: larger values, lower loss). */
  readonly spearman: number | null;
}

/** What one stage did and found. */
export interface StageSummary {
  readonly stage: StageName;
  /** The study's name in the storage. */
  readonly study: string;
  readonly epochs: number;
  readonly space: SpaceJson;
  readonly counts: { readonly [state in TrialState | 'total']: number };
  readonly leaderboard: LeaderboardEntry[];
  /** Best values at an edge of their range: the optimum may lie outside it. */
  readonly edges: EdgeWarning[];
  readonly importance: ImportanceEntry[];
}

function numberAttribute(trial: TrialRecord, key: string): number | null {
  const value = trial.userAttrs[key];
  return typeof value === 'number' ? jsonNumber(value) : null;
}

/** A trial as a {@link TrialRow}. */
export function trialRow(stage: StageName, trial: TrialRecord): TrialRow {
  return {
    stage,
    number: trial.number,
    state: trial.state,
    learningRate: trial.params.learningRate as number,
    weightDecay: trial.params.weightDecay as number,
    valLoss: trial.state === 'complete' ? jsonNumber(trial.value) : null,
    valAccuracy: trial.state === 'complete' ? numberAttribute(trial, 'valAccuracy') : null,
    reason: trial.reason ?? null,
  };
}

/** A stage report as plain JSON. */
export function stageSummary(
  stage: StageName,
  study: Study,
  report: StageReport,
  trials: readonly TrialRecord[],
): StageSummary {
  const byNumber = new Map(trials.map((trial) => [trial.number, trial]));
  return {
    stage,
    study: study.name,
    epochs: study.epochs ?? 1,
    space: spaceToJSON(study.space),
    counts: { ...report.counts },
    leaderboard: report.leaderboard.map((row) => ({
      rank: row.rank,
      number: row.number,
      learningRate: row.params.learningRate as number,
      weightDecay: row.params.weightDecay as number,
      valLoss: row.value,
      valAccuracy: numberAttribute(byNumber.get(row.number)!, 'valAccuracy'),
    })),
    edges: report.edges.map((edge) => ({ ...edge })),
    importance: report.importance.map((entry) => ({
      parameter: entry.parameter,
      importance: entry.importance,
      share: entry.share,
      spearman: entry.spearman === undefined ? null : jsonNumber(entry.spearman),
    })),
  };
}
