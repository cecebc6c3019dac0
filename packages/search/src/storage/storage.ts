import type { Distribution, ParamValue } from '../space/distribution.js';

/** Whether smaller or larger objective values are better. */
export type Direction = 'minimize' | 'maximize';

/**
 * Trial states (Optuna's, by name): running (started, not finished; after a crash, waiting to
 * be re-run), complete (the objective returned a value), pruned (stopped early, with a
 * reason), failed (threw, returned NaN or its worker died; with a reason), waiting (created
 * and not started).
 */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed' | 'waiting';

/** A finished state. */
export type FinishedState = 'complete' | 'pruned' | 'failed';

/** Any JSON value (attributes are stored as JSON; NaN and Infinity survive the journal). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A study as stored. */
export interface StudyRecord {
  /** Index of the study in its storage (Optuna's `study_id`). */
  readonly id: number;
  readonly name: string;
  readonly direction: Direction;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
}

/** A snapshot of a trial as stored (Optuna's `FrozenTrial`). */
export interface TrialRecord {
  /** Storage-wide id (Optuna's `trial_id`). */
  readonly id: number;
  /** Position in its study: 0, 1, 2... This is what samplers and reports use. */
  readonly number: number;
  readonly studyId: number;
  readonly state: TrialState;
  /** The objective value (complete), or the last reported value (pruned). */
  readonly value: number | undefined;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Reported values by step, for the current attempt. */
  readonly intermediateValues: ReadonlyMap<number, number>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly startedAt: Date | undefined;
  readonly completedAt: Date | undefined;
  /** Why the trial was pruned or failed. */
  readonly reason: string | undefined;
  /** Which run of this trial the record describes: 1, or more after crashes and resumes. */
  readonly attempt: number;
}

/** One parameter as written to storage: its value and the distribution it came from. */
export interface StoredParam {
  readonly value: ParamValue;
  readonly distribution: Distribution;
}

/**
 * Where studies and trials live. Small and Optuna-shaped so that other backends (the
 * journal file, Redis) fit behind it. Every method is async; a storage shared by several
 * processes makes each write visible to the others' next read.
 */
export interface Storage {
  /** Creates a study, or returns the existing one of that name (its direction unchanged). */
  createStudy(name: string, direction: Direction): Promise<StudyRecord>;
  /** The study of that name, if any. */
  getStudy(name: string): Promise<StudyRecord | undefined>;
  listStudies(): Promise<StudyRecord[]>;
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void>;
  /** Appends a running trial to the study; its number is the study's trial count before it. */
  createTrial(studyId: number): Promise<TrialRecord>;
  setTrialParams(trialId: number, params: Readonly<Record<string, StoredParam>>): Promise<void>;
  setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void>;
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void>;
  /** Finishes a trial. Later writes to a finished trial are ignored (as in Optuna). */
  finishTrial(trialId: number, state: FinishedState, value?: number): Promise<void>;
  getTrial(trialId: number): Promise<TrialRecord>;
  /** The study's trials in number order. */
  getTrials(studyId: number): Promise<TrialRecord[]>;
  /**
   * Optional: the Optuna distribution string each parameter of the study was written with,
   * by name (journal storages have it). Lets `loadStudy` open a study another tool wrote.
   */
  paramDistributions?(studyId: number): Promise<Readonly<Record<string, string>>>;
  /** Flushes and releases the storage (the journal file's lock). */
  close(): Promise<void>;
}

/** System attribute keys fanin writes. */
export const ATTR = {
  /** Study: `{ version, space, seed, sampler, pruner?, epochs?, parent? }`. */
  study: 'fanin:study',
  /** Trial: the attempt number; setting it starts a new attempt (intermediate values reset). */
  attempt: 'fanin:attempt',
  /** Trial: why it was pruned or failed. */
  reason: 'fanin:reason',
  /** Trial: how many times a worker died while running it. */
  crashes: 'fanin:crashes',
} as const;
