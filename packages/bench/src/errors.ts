import { FaninError } from '@fanin/core';

/** A command-line argument of the suite that is unknown or has a bad value. */
export class BenchArgumentError extends FaninError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message, 'Run with --help for the options');
  }
}
