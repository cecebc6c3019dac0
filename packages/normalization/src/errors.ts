import { FaninError } from '@fanin/core';

/**
 * Two options were given that say the same thing in different conventions (batch norm's
 * `momentum` and `decay`), so fanin cannot tell which one the caller meant.
 */
export class ConflictingOptionsError extends FaninError {
  constructor(
    readonly subject: string,
    readonly options: readonly [string, string],
    hint: string,
  ) {
    super(
      'CONFLICTING_OPTIONS',
      `${subject}: options "${options[0]}" and "${options[1]}" cannot both be given`,
      hint,
    );
  }
}

/**
 * Statistics were asked of a single value per channel: the variance is 0 and every output
 * would equal beta. Raised by batch norm in training with batch size 1 (dense inputs) and by
 * instance norm on a spatial size of 1.
 */
export class BatchTooSmallError extends FaninError {
  constructor(message: string, hint: string) {
    super('BATCH_TOO_SMALL', message, hint);
  }
}
