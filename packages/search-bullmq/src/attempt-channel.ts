import { FaninError } from '@fanin/core';
import type {
  DistributionJson,
  JsonValue,
  ParamValue,
  TrialChannel,
  TrialController,
} from '@fanin/search';
import { AttemptSupersededError } from './errors.js';

/**
 * The trial's channel during one attempt: @fanin/search's TrialController (validation,
 * journaling, the pruner against the shared study state) plus a note of how a storage call
 * failed. A superseded attempt must not record a result; a Redis failure (not the
 * objective's fault) must not be recorded as a failed trial, but retried.
 */
export class AttemptChannel implements TrialChannel {
  /** Set when a write was refused because a newer attempt owns the trial. */
  superseded: AttemptSupersededError | undefined;
  /** Set when Redis failed under a trial call (the attempt is retried, not recorded). */
  storageError: unknown;

  constructor(readonly controller: TrialController) {}

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AttemptSupersededError) this.superseded ??= error;
      else if (!(error instanceof FaninError)) this.storageError ??= error;
      throw error;
    }
  }

  report(step: number, value: number): Promise<void> {
    return this.guard(() => this.controller.report(step, value));
  }

  shouldPrune(): Promise<boolean> {
    return this.guard(() => this.controller.shouldPrune());
  }

  setUserAttr(key: string, value: JsonValue): Promise<void> {
    return this.guard(() => this.controller.setUserAttr(key, value));
  }

  suggest(name: string, distribution: DistributionJson): Promise<ParamValue> {
    return this.guard(() => this.controller.suggest(name, distribution));
  }
}
