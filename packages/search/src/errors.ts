import { FaninError } from '@fanin/core';

/**
 * A search space, or one distribution in it, is malformed. The message names the path of the
 * offending value (`space.learningRate.low`) so a JSON sweep file can be fixed at a glance.
 */
export class InvalidSpaceError extends FaninError {
  readonly path: string;

  constructor(path: string, message: string, hint?: string) {
    super('INVALID_SPACE', `${path}: ${message}`, hint);
    this.path = path;
  }
}

/**
 * A study with this name already exists in the storage with other settings (space, seed,
 * sampler, direction, epochs), so resuming it would mix two different experiments.
 */
export class StudyMismatchError extends FaninError {
  /** The setting that changed: `space`, `seed`, `pruner.ratio`, `training.train` ... */
  readonly what: string;
  readonly stored: string;
  readonly given: string;

  constructor(
    readonly study: string,
    what: string,
    stored: string,
    given: string,
    hint = 'Pass the same settings to resume it, or give the new experiment another study name',
  ) {
    super(
      'STUDY_MISMATCH',
      `study "${study}" exists with a different ${what}: stored ${stored}, given ${given}`,
      hint,
    );
    this.what = what;
    this.stored = stored;
    this.given = given;
  }
}

/**
 * Thrown by an objective to stop its trial early; the trial is recorded as pruned with
 * `reason`. Same role as Optuna's `TrialPruned`. Detected by `name`, so an objective running
 * in a worker process may throw its own copy of this class.
 */
export class TrialPruned extends FaninError {
  readonly reason: string;

  constructor(reason = 'pruned by the objective') {
    super('TRIAL_PRUNED', reason);
    this.reason = reason;
  }
}

/** A journal could not be read: a corrupt record that is not the torn last line. */
export class JournalCorruptError extends FaninError {
  constructor(where: string, detail: string) {
    super(
      'JOURNAL_CORRUPT',
      `${where}: ${detail}`,
      'Only a torn last line is repaired automatically; restore the file from a backup or cut it before this record',
    );
  }
}
