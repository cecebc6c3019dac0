import { FaninError } from '@fanin/core';

/** An experiment stopped because its `signal` was aborted. */
export class ExperimentAbortedError extends FaninError {
  constructor(
    readonly experiment: string,
    readonly stage: string,
  ) {
    super(
      'EXPERIMENT_ABORTED',
      `experiment "${experiment}" was aborted during "${stage}"`,
      'Nothing is returned from an aborted experiment; a hyperparameterSearch with a storage path resumes where it stopped when run again',
    );
  }
}

/** An experiment's config is valid option by option but inconsistent as a whole. */
export class ExperimentConfigError extends FaninError {
  constructor(
    readonly experiment: string,
    message: string,
    hint?: string,
  ) {
    super('INVALID_EXPERIMENT_CONFIG', `experiment "${experiment}": ${message}`, hint);
  }
}
