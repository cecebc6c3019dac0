import type { Pruner } from './pruners/pruner.js';
import type { Sampler } from './samplers/sampler.js';
import type { RefineOptions } from './analysis/refine.js';
import type { Space } from './space/space.js';
import type { StudyFingerprint } from './study-fingerprint.js';
import type { Direction, Storage, TrialRecord } from './storage/storage.js';

/** Settings of a study (one stage of a sweep). */
export interface StudyOptions<S extends Space> {
  /** The parameters and their distributions. */
  readonly space: S;
  /** Where trials are recorded. Default: in memory (use `journalStorage` from `@fanin/search/node` to survive crashes). */
  readonly storage?: Storage;
  /** Study name; a study of that name in the storage is resumed. Default "study". */
  readonly name?: string;
  readonly direction?: Direction;
  /** Seed of the sampler and of the trials' own seeds. Default 0. */
  readonly seed?: number;
  /** Default: random(). */
  readonly sampler?: Sampler;
  /** Default: none (no trial is stopped early). */
  readonly pruner?: Pruner;
  /** Budget per trial for this stage (epochs), passed to the objective as `trial.epochs`. */
  readonly epochs?: number;
  /** The study this one refines (recorded for provenance; set by `nextStage`). */
  readonly parent?: string;
  /**
   * Everything else that decides a trial's value, as JSON: the model, the training data and
   * schedule, the objective (what `fanin sweep` stores). Stored with the study; resuming it
   * with another fingerprint throws StudyMismatchError naming the first path that differs
   * (`training.train: stored 1000, given 200`), so trials of two experiments never mix.
   * Passed on to `nextStage`.
   */
  readonly fingerprint?: StudyFingerprint;
}

/**
 * Re-runs of a trial whose worker died, by default: the same in `study.optimize`,
 * search-bullmq's `runController` and `fanin sweep` (`retries` in the sweep file).
 */
export const DEFAULT_RETRIES = 2;

/** Options of `study.optimize`. */
export interface OptimizeOptions {
  /**
   * How many trials the study should have in total: trials already in the storage (from an
   * earlier run that was stopped) count, so running the same script again continues the
   * sweep. Optuna's `n_trials` is per call and per process instead.
   */
  readonly trials: number;
  /** Trials run at once. Default: the executor's concurrency (1 for an objective function). */
  readonly concurrency?: number;
  /**
   * How many times a trial whose worker process died (a crash, `kill -9`, out of memory) is
   * run again, with the same number and parameters. A crash says nothing about the
   * parameters, so by default it is retried: {@link DEFAULT_RETRIES} (2, a trial starts at
   * most 3 times). An objective that throws or returns NaN is a result and never retried.
   */
  readonly retries?: number;
  /**
   * What to do with trials an earlier run left running (it was killed): "rerun" them with
   * the same number and parameters (default), record them as "fail"ed, or "ignore" them
   * (leave them to whoever runs them, e.g. a distributed queue that still holds their jobs;
   * they count towards `trials`).
   */
  readonly interrupted?: 'rerun' | 'fail' | 'ignore';
  /** When aborted, no new trial starts; running ones finish. */
  readonly signal?: AbortSignal;
  /** Called after each trial is recorded. */
  readonly onTrialEnd?: (trial: TrialRecord) => void | Promise<void>;
}

/** What one `optimize` call did. */
export interface OptimizeSummary {
  /** Trials run to the end in this call, by how they ended. */
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  /** Trials left running by an earlier run, run again. */
  readonly rerun: number;
  /** Runs repeated because a worker died. */
  readonly retried: number;
  /** Trials in the study now. */
  readonly total: number;
}

/** The result told for an asked trial: a value, or how it ended otherwise. */
export type TellResult =
  | number
  | { readonly state: 'pruned'; readonly reason?: string }
  | { readonly state: 'failed'; readonly reason: string };

/** Options of `study.nextStage`. */
export interface NextStageOptions {
  /** Name of the next study. Default: "<name>/stage-2" and so on. */
  readonly name?: string;
  readonly epochs?: number;
  /** Trials the ranges are built from. Default max(3, 10% of the completed). */
  readonly top?: number;
  readonly refine?: RefineOptions;
  /** Default: this stage's sampler. */
  readonly sampler?: Sampler;
  /** Default: this stage's pruner. */
  readonly pruner?: Pruner;
}
