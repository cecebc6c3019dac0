import type { ParameterView, ParamValueView, StageView, TrialView } from '@fanin/dashboard';
import { FaninError } from '@fanin/core';
import {
  ATTR,
  type Direction,
  durationSeconds,
  loadStudy,
  NumericDistribution,
  type Storage,
  type Study,
  stageReport,
  type TrialRecord,
} from '@fanin/search';

/** A sweep as the page shows it: its stages, their trials and the parameters drawn. */
export interface DashboardModel {
  /** The first stage's study name ('' before any study is in the journal). */
  readonly sweep: string;
  readonly objective: string;
  readonly direction: Direction;
  readonly parameters: readonly ParameterView[];
  readonly stages: readonly StageView[];
  readonly trials: readonly TrialView[];
}

/** A finite number or null (JSON and Vega-Lite hold no NaN). */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function paramsView(params: Readonly<Record<string, unknown>>): Record<string, ParamValueView> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'number' ? finite(value) : (value as ParamValueView),
    ]),
  );
}

/** Whether `name` is the sweep `sweep` or one of its later stages (`<sweep>/stage-2` ...). */
export function isStageOf(name: string, sweep: string): boolean {
  return (
    name === sweep ||
    new RegExp(`^${sweep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/stage-\\d+$`).test(name)
  );
}

/**
 * The studies of a storage the page shows, in creation order (a sweep's stages in order):
 * every study, or the stages of the sweep `sweep`. A study whose settings are not written
 * yet (a sweep creating it this instant) is left out until they are.
 */
async function studiesOf(
  storage: Storage,
  sweep: string | undefined,
): Promise<{ study: Study; parent: string | undefined }[]> {
  const studies: { study: Study; parent: string | undefined }[] = [];
  for (const record of await storage.listStudies()) {
    if (sweep !== undefined && !isStageOf(record.name, sweep)) continue;
    try {
      const study = await loadStudy({ storage, name: record.name });
      const settings = record.systemAttrs[ATTR.study] as { parent?: unknown } | undefined;
      studies.push({
        study,
        parent: typeof settings?.parent === 'string' ? settings.parent : undefined,
      });
    } catch (error) {
      if (error instanceof FaninError && error.code === 'NOT_A_FANIN_STUDY') continue;
      throw error;
    }
  }
  return studies;
}

/**
 * Whether a trial is shown: a finished one always; an unfinished one once every parameter
 * of its stage's space is recorded (a sweep writes a trial's creation and its parameters as
 * separate records, and the page never shows a trial halfway through being created).
 */
function isWhole(trial: TrialRecord, study: Study): boolean {
  if (trial.state === 'complete' || trial.state === 'pruned' || trial.state === 'failed')
    return true;
  return Object.keys(study.space).every((name) => name in trial.params);
}

function trialView(trial: TrialRecord, stage: number): TrialView {
  return {
    key: `${stage}:${trial.number}`,
    stage,
    number: trial.number,
    state: trial.state,
    value: finite(trial.value),
    params: paramsView(trial.params),
    reason: trial.reason ?? null,
    attempt: trial.attempt,
    curve: [...trial.intermediateValues].map(([step, value]) => [step, finite(value)] as const),
    seconds: finite(durationSeconds(trial)),
  };
}

function stageView(
  study: Study,
  index: number,
  trials: readonly TrialRecord[],
  next: Study | undefined,
): StageView {
  const report = stageReport(study, trials);
  const nextSpace = next?.space ?? report.refined;
  return {
    index,
    study: study.name,
    epochs: study.epochs ?? null,
    space: Object.entries(study.space).map(([name, distribution]) => ({
      name,
      range: distribution.toString(),
    })),
    counts: report.counts,
    best:
      report.best && report.best.value !== undefined
        ? { number: report.best.number, value: report.best.value }
        : null,
    leaderboard: report.leaderboard.map((row) => ({
      rank: row.rank,
      number: row.number,
      value: row.value,
      params: paramsView(row.params),
    })),
    warnings: report.edges.map((edge) => edge.message),
    importance: report.importance.map((row) => ({
      parameter: row.parameter,
      importance: row.importance,
      spearman: row.spearman ?? null,
    })),
    next: nextSpace
      ? {
          started: next !== undefined,
          top: next ? null : report.top.length,
          ranges: Object.entries(nextSpace).map(([name, distribution]) => ({
            name,
            from: study.space[name]?.toString() ?? '',
            to: distribution.toString(),
          })),
        }
      : null,
  };
}

/** The parameters of the first stage (later stages refine the same ones). */
function parametersOf(study: Study | undefined): ParameterView[] {
  if (!study) return [];
  return Object.entries(study.space).map(([name, distribution]) => ({
    name,
    numeric: distribution instanceof NumericDistribution,
    log: distribution instanceof NumericDistribution && distribution.scale === 'log',
  }));
}

/**
 * Reads what the page shows from a storage (a journal replayed in memory): each stage's
 * trials with their learning curves, and its report: counts, leaderboard, edge warnings,
 * parameter importance and the next stage's ranges, with @fanin/search's own functions, the
 * ones `fanin sweep` and `fanin report` print.
 */
export async function readDashboard(
  storage: Storage,
  sweep: string | undefined,
): Promise<DashboardModel> {
  const studies = await studiesOf(storage, sweep);
  const first = studies[0]?.study;
  const records = first ? await storage.getStudy(first.name) : undefined;
  const objective = records?.userAttrs.objective;
  const stages: StageView[] = [];
  const trials: TrialView[] = [];
  for (const [index, { study }] of studies.entries()) {
    const stageTrials = await study.trials();
    const next = studies.find((entry) => entry.parent === study.name)?.study;
    stages.push(stageView(study, index, stageTrials, next));
    for (const trial of stageTrials)
      if (isWhole(trial, study)) trials.push(trialView(trial, index));
  }
  return {
    sweep: first?.name ?? sweep ?? '',
    objective: typeof objective === 'string' ? objective : 'value',
    direction: first?.direction ?? 'minimize',
    parameters: parametersOf(first),
    stages,
    trials,
  };
}
