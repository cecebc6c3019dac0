import { FaninError } from '@fanin/core';

/** A study stopped because its `signal` was aborted. */
export class StudyAbortedError extends FaninError {
  constructor(
    readonly study: string,
    readonly stage: string,
  ) {
    super(
      'STUDY_ABORTED',
      `study "${study}" was aborted during "${stage}"`,
      'Nothing is returned from an aborted study; a hyperparameterSearch with a storage path resumes where it stopped when run again',
    );
  }
}

/** A study's config is valid option by option but inconsistent as a whole. */
export class StudyConfigError extends FaninError {
  constructor(
    readonly study: string,
    message: string,
    hint?: string,
  ) {
    super('INVALID_STUDY_CONFIG', `study "${study}": ${message}`, hint);
  }
}
