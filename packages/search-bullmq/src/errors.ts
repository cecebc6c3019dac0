import { FaninError } from '@fanin/core';

/** A Redis URL that cannot be parsed (`redis://host:6379/0`, `rediss://` for TLS). */
export class InvalidRedisUrlError extends FaninError {
  constructor(url: string, detail: string) {
    super(
      'INVALID_REDIS_URL',
      `invalid Redis URL "${url}": ${detail}`,
      'Write redis://[user:password@]host[:port][/db], or rediss:// for TLS',
    );
  }
}

/**
 * Redis did not answer: nothing listens there, a firewall drops the connection, the password
 * is wrong, or it does not speak Redis. Raised by the preflight check within the connect
 * timeout, so a wrong URL fails in seconds instead of retrying forever.
 */
export class RedisUnreachableError extends FaninError {
  constructor(display: string, detail: string) {
    super(
      'REDIS_UNREACHABLE',
      `cannot reach Redis at ${display}: ${detail}`,
      'Start redis-server there, or fix the URL (host, port, password)',
    );
  }
}

/**
 * A newer attempt of the trial has started elsewhere (this worker was presumed dead: it
 * stalled past its lock), so this attempt's writes are refused. Thrown from `trial.report()`
 * and the other trial calls; an objective should let it propagate.
 */
export class AttemptSupersededError extends FaninError {
  constructor(
    readonly trialId: number,
    detail: string,
  ) {
    super(
      'ATTEMPT_SUPERSEDED',
      `trial id ${trialId}: this attempt no longer owns the trial (${detail}); its writes are discarded`,
    );
  }
}

/** A second result for a trial that is already finished: the first one stands. */
export class TrialAlreadyFinishedError extends FaninError {
  constructor(readonly trialId: number) {
    super('TRIAL_FINISHED', `trial id ${trialId} is already finished; its result stands`);
  }
}

/** The journal in Redis and the per-study trial counter disagree (the journal was edited by hand). */
export class JournalCounterError extends FaninError {
  constructor(detail: string) {
    super(
      'JOURNAL_COUNTER',
      `the Redis journal and its trial counter disagree: ${detail}`,
      'Do not edit the journal list by hand; restore the Redis data from its append-only file',
    );
  }
}
