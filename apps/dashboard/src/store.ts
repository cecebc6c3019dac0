import type {
  ChartView,
  DashboardMeta,
  DashboardSnapshot,
  DashboardUpdate,
  ParameterView,
  StageView,
  TrialView,
} from './protocol.js';

/** What an event changed, so the page redraws only that. */
export interface Change {
  /** The charts were replaced (a new snapshot, new parameters): embed them again. */
  readonly charts: boolean;
  /** Keys of the trials that are new or changed. */
  readonly trials: readonly string[];
}

/** The page's copy of the sweep: the last snapshot with every update applied in order. */
export class Store {
  meta: DashboardMeta | undefined;
  parameters: readonly ParameterView[] = [];
  stages: readonly StageView[] = [];
  charts: readonly ChartView[] = [];
  private readonly trialsByKey = new Map<string, TrialView>();

  reset(snapshot: DashboardSnapshot): Change {
    this.meta = snapshot.meta;
    this.parameters = snapshot.parameters;
    this.stages = snapshot.stages;
    this.charts = snapshot.charts;
    this.trialsByKey.clear();
    for (const trial of snapshot.trials) this.trialsByKey.set(trial.key, trial);
    return { charts: true, trials: snapshot.trials.map((trial) => trial.key) };
  }

  apply(update: DashboardUpdate): Change {
    this.meta = update.meta;
    this.stages = update.stages;
    if (update.parameters) this.parameters = update.parameters;
    if (update.charts) this.charts = update.charts;
    for (const trial of update.trials) this.trialsByKey.set(trial.key, trial);
    return { charts: update.charts !== undefined, trials: update.trials.map((trial) => trial.key) };
  }

  /** Every trial, by stage then number. */
  trials(): TrialView[] {
    return [...this.trialsByKey.values()].sort((a, b) => a.stage - b.stage || a.number - b.number);
  }

  trial(key: string): TrialView | undefined {
    return this.trialsByKey.get(key);
  }

  /** The label of a stage in charts and tables: `1: mnist-lr-wd`. */
  stageLabel(index: number): string {
    const stage = this.stages[index];
    return `${index + 1}: ${stage?.study ?? '?'}`;
  }

  /** A trial's label: `#3`, or `stage 2 #3` when the sweep has several stages. */
  trialLabel(trial: TrialView): string {
    return this.stages.length > 1
      ? `stage ${trial.stage + 1} #${trial.number}`
      : `#${trial.number}`;
  }
}
