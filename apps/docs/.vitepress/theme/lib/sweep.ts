import { FaninError } from '@fanin/core';
import { experiments } from '@fanin/experiments';
import {
  type JournalBackend,
  type JournalRecord,
  JournalStorage,
  leaderboard,
  loadStudy,
  MemoryJournalBackend,
  NumericDistribution,
  parsePythonJson,
  type StageReport,
  type TrialRecord,
} from '@fanin/search';
import { registry } from './demo-registry.js';

/** A numeric parameter's axis: its range and whether it is searched on a log scale. */
export interface ParameterAxis {
  readonly name: string;
  readonly log: boolean;
  readonly min: number;
  readonly max: number;
}

/** What the viewer shows for one study of a journal. */
export interface StudyView {
  readonly name: string;
  readonly direction: 'minimize' | 'maximize';
  readonly trials: TrialRecord[];
  /** Leaderboard, edge warnings, importance, refined space (fanin studies only). */
  readonly report: StageReport | undefined;
  readonly parameters: ParameterAxis[];
  /** Numeric user attributes found on the trials (e.g. valAccuracy), usable as the y axis. */
  readonly metrics: string[];
  /** The study this one refines (coarse-to-fine), if any. */
  readonly parent: string | undefined;
}

/** Parses a journal file's text (Optuna's JSONL journal, as @fanin/search writes it). */
export function parseJournal(text: string): JournalRecord[] {
  const records: JournalRecord[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(parsePythonJson(line) as JournalRecord);
    } catch (error) {
      throw new FaninError(
        'INVALID_JOURNAL',
        `line ${index + 1} of the journal is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        'Open the .jsonl file a sweep wrote',
      );
    }
  });
  if (records.length === 0)
    throw new FaninError(
      'INVALID_JOURNAL',
      'the journal is empty',
      'Open the .jsonl file a sweep wrote',
    );
  return records;
}

/** A read-only journal backend over records already in memory. */
function recordsBackend(records: readonly JournalRecord[]): JournalBackend {
  return {
    append: () =>
      Promise.reject(new FaninError('READ_ONLY', 'the viewer does not write to journals')),
    read: (from) => Promise.resolve(records.slice(from)),
  };
}

function numericAttributes(trials: readonly TrialRecord[]): string[] {
  const names = new Set<string>();
  for (const trial of trials)
    for (const [key, value] of Object.entries(trial.userAttrs))
      if (typeof value === 'number') names.add(key);
  return [...names].sort();
}

/** Axes for a study written by another tool: log scale when a parameter spans 2+ decades of positive values. */
function inferredAxes(trials: readonly TrialRecord[]): ParameterAxis[] {
  const values = new Map<string, number[]>();
  for (const trial of trials)
    for (const [name, value] of Object.entries(trial.params))
      if (typeof value === 'number') values.set(name, [...(values.get(name) ?? []), value]);
  return [...values].map(([name, list]) => {
    const min = Math.min(...list);
    const max = Math.max(...list);
    return { name, min, max, log: min > 0 && max / min >= 100 };
  });
}

/** Every study of a journal, with what the viewer draws. */
export async function viewJournal(records: readonly JournalRecord[]): Promise<StudyView[]> {
  const storage = new JournalStorage(recordsBackend(records));
  const views: StudyView[] = [];
  for (const record of await storage.listStudies()) {
    let report: StageReport | undefined;
    let parameters: ParameterAxis[];
    let parent: string | undefined;
    const trials = await storage.getTrials(record.id);
    try {
      const study = await loadStudy({ storage, name: record.name });
      report = await study.report();
      parameters = Object.entries(study.space)
        .filter(
          (entry): entry is [string, NumericDistribution] =>
            entry[1] instanceof NumericDistribution,
        )
        .map(([name, distribution]) => ({
          name,
          log: distribution.scale === 'log',
          min: distribution.min,
          max: distribution.max,
        }));
      const settings = record.systemAttrs['fanin:study'] as { parent?: string } | undefined;
      parent = settings?.parent;
    } catch (error) {
      if (!(error instanceof FaninError) || error.code !== 'NOT_A_FANIN_STUDY') throw error;
      parameters = inferredAxes(trials);
    }
    views.push({
      name: record.name,
      direction: record.direction,
      trials,
      report,
      parameters,
      metrics: numericAttributes(trials),
      parent,
    });
  }
  return views;
}

/** The leaderboard of a study (from its report, or computed for a foreign study). */
export function studyLeaderboard(view: StudyView, top = 10) {
  return view.report?.leaderboard ?? leaderboard(view.trials, view.direction, { top });
}

/** Settings of the sweep the viewer can run in the page. */
export interface DemoSweepSettings {
  readonly coarseTrials: number;
  readonly fineTrials: number;
  readonly seed: number;
}

/**
 * The hyperparameterSearch experiment of @fanin/experiments sized for a browser tab: learning rate
 * 10^U(-4, 0) and weight decay 10^U(-6, -2) for a two-layer relu network on a spiral, a coarse
 * stage of 2-epoch trials then a fine stage of 4-epoch trials around the best ones, the
 * divergence pruner on, every event in an in-memory journal. Returns the journal's lines.
 */
export async function runDemoSweep(
  settings: DemoSweepSettings,
  onTrial: (lines: readonly string[]) => void,
  signal?: AbortSignal,
): Promise<readonly string[]> {
  const backend = new MemoryJournalBackend();
  await experiments.hyperparameterSearch.run(
    {
      dataset: { type: 'spiral', classes: 3, pointsPerClass: 80, noise: 0.2, seed: settings.seed },
      trainSamples: 180,
      validationSamples: 60,
      model: {
        layers: [
          { dense: 32, activation: 'relu', init: 'heNormal' },
          { dense: 32, activation: 'relu', init: 'heNormal' },
          { dense: 3 },
        ],
      },
      optimizer: 'momentum',
      learningRate: [-4, 0],
      weightDecay: [-6, -2],
      coarseTrials: settings.coarseTrials,
      coarseEpochs: 2,
      fineTrials: settings.fineTrials,
      fineEpochs: 4,
      batchSize: 30,
      name: 'spiral',
      seed: settings.seed,
    },
    {
      registry,
      storage: new JournalStorage(backend),
      onProgress: () => onTrial(backend.lines()),
      ...(signal ? { signal } : {}),
    },
  );
  return backend.lines();
}
