/**
 * What `fanin dashboard` streams to its page, as server-sent events on `GET /events`: one
 * `snapshot` when the page connects (and again if the journal was replaced), then an
 * `update` whenever the journal grew, with only the trials that changed. Every trial in an
 * event comes from whole journal records: a line still being written is never shown.
 */

/** The names of the server-sent events. */
export const EVENT = {
  /** A {@link DashboardSnapshot}: everything, replacing what the page has. */
  snapshot: 'snapshot',
  /** A {@link DashboardUpdate}: the changed trials and the stages' reports. */
  update: 'update',
  /** A {@link DashboardProblem}: the journal can no longer be read (the page says why). */
  problem: 'problem',
} as const;

/** A trial's state, as in the journal (Optuna's, by name). */
export type TrialStateName = 'running' | 'complete' | 'pruned' | 'failed' | 'waiting';

/** What is watched and how it is going. */
export interface DashboardMeta {
  /** Where the journal is: `fanin-runs/x.jsonl`, or `redis://host:6379 (fanin:journal)`. */
  readonly source: string;
  /** The sweep's name (its first stage's study). */
  readonly sweep: string;
  /** The objective the trials report (`val_loss`). */
  readonly objective: string;
  readonly direction: 'minimize' | 'maximize';
  /** Whether a sweep holds the journal now (its lock, or a trial running on Redis). */
  readonly writing: boolean;
  /** When the server last read the journal (ISO 8601). */
  readonly readAt: string;
  /** Journal records read so far. */
  readonly records: number;
  /** The fanin version serving the page. */
  readonly version: string;
}

/** A parameter of the search space, as the charts draw it. */
export interface ParameterView {
  readonly name: string;
  readonly numeric: boolean;
  /** Drawn on a log axis (pow10, logUniform, logInt). */
  readonly log: boolean;
}

/** A row of a stage's leaderboard. */
export interface LeaderboardView {
  readonly rank: number;
  readonly number: number;
  readonly value: number;
  readonly params: Readonly<Record<string, ParamValueView>>;
}

/** A parameter value as JSON. */
export type ParamValueView = number | string | boolean | null;

/** One stage of a coarse-to-fine sweep (one study) and its report. */
export interface StageView {
  /** 0 for the first (coarse) stage. */
  readonly index: number;
  readonly study: string;
  /** The epochs each trial trains (null when the study has none). */
  readonly epochs: number | null;
  /** The stage's ranges, one per parameter: `learningRate: 10^U(-6, -2)`. */
  readonly space: readonly { readonly name: string; readonly range: string }[];
  readonly counts: Readonly<Record<TrialStateName, number>> & { readonly total: number };
  readonly best: { readonly number: number; readonly value: number } | null;
  readonly leaderboard: readonly LeaderboardView[];
  /** Best values at the edge of a range (the CLI's warnings). */
  readonly warnings: readonly string[];
  readonly importance: readonly {
    readonly parameter: string;
    readonly importance: number;
    readonly spearman: number | null;
  }[];
  /**
   * The ranges the next stage searches: those of the next stage's study once it exists
   * (`started`), before that the ones refined from this stage's `top` trials so far; null
   * before any trial completes.
   */
  readonly next: {
    readonly started: boolean;
    readonly top: number | null;
    readonly ranges: readonly {
      readonly name: string;
      readonly from: string;
      readonly to: string;
    }[];
  } | null;
}

/** One trial, with its learning curve so far. */
export interface TrialView {
  /** Unique in the page: `<stage index>:<trial number>`. */
  readonly key: string;
  readonly stage: number;
  readonly number: number;
  readonly state: TrialStateName;
  readonly value: number | null;
  readonly params: Readonly<Record<string, ParamValueView>>;
  /** Why it was pruned or failed (`diverged: val_loss 9.1 > 3 × initial 2.3 at step 2`). */
  readonly reason: string | null;
  /** 1, or more when a crash or a lost worker made it run again. */
  readonly attempt: number;
  /** The objective reported at each step (epoch) of the current attempt: [step, value]. */
  readonly curve: readonly (readonly [number, number | null])[];
  /** Seconds from start to end (null while running). */
  readonly seconds: number | null;
}

/**
 * A Vega-Lite chart of the page. Its data are named data sources the page fills from the
 * trials and stages: {@link DATASET}.
 */
export interface ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: Readonly<Record<string, unknown>>;
}

/**
 * The data sources the charts read, filled by the page: one row per trial (`trials`, with a
 * field `param:<name>` per parameter), one per reported step (`curves`), one per stage and
 * parameter (`importance`).
 */
export const DATASET = { trials: 'trials', curves: 'curves', importance: 'importance' } as const;

/** Everything the page shows. */
export interface DashboardSnapshot {
  readonly meta: DashboardMeta;
  readonly parameters: readonly ParameterView[];
  readonly stages: readonly StageView[];
  readonly charts: readonly ChartView[];
  readonly trials: readonly TrialView[];
}

/** What changed since the last event: the stages (small) whole, the trials that changed. */
export interface DashboardUpdate {
  readonly meta: DashboardMeta;
  readonly stages: readonly StageView[];
  /** Present when the parameters changed (a new stage, a new parameter). */
  readonly parameters?: readonly ParameterView[];
  readonly charts?: readonly ChartView[];
  readonly trials: readonly TrialView[];
}

/** The journal cannot be read any more; the page keeps what it has and says why. */
export interface DashboardProblem {
  readonly message: string;
}
