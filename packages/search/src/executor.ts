import { describeValue } from '@fanin/core';
import { TrialPruned } from './errors.js';
import type { Params } from './space/space.js';
import { Trial, type TrialChannel, type TrialJob } from './trial.js';

/** How one run of a trial ended, as seen by whoever ran it. */
export type TrialOutcome =
  /** The objective returned (the study checks that it is a number). */
  | { readonly kind: 'returned'; readonly value: unknown }
  /** The objective threw `TrialPruned`. */
  | { readonly kind: 'pruned'; readonly reason?: string }
  /** The objective threw something else. */
  | { readonly kind: 'threw'; readonly message: string }
  /** Whatever ran the objective died (a worker process killed, out of memory). */
  | { readonly kind: 'crashed'; readonly reason: string };

/**
 * Runs trials: in this process, in worker processes, on other machines. The study hands it
 * a job (plain data) and a channel for reports; it resolves with the outcome. It never
 * writes to storage itself, so the study stays the single writer.
 */
export interface Executor {
  /** How many trials it can run at once. */
  readonly concurrency: number;
  run(job: TrialJob, channel: TrialChannel): Promise<TrialOutcome>;
  /** Releases workers. */
  close?(): Promise<void>;
}

/** An objective: gets a trial, returns the value to minimize or maximize. */
export type Objective<P extends Params = Params> = (trial: Trial<P>) => number | Promise<number>;

/** One line for an error: `RangeError: ...`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `threw ${describeValue(error)}`;
}

/** Whether an error is a `TrialPruned` (by name, so copies from other bundles count). */
export function isTrialPruned(error: unknown): error is TrialPruned {
  return error instanceof TrialPruned || (error instanceof Error && error.name === 'TrialPruned');
}

/**
 * Runs the objective in this process, up to `concurrency` trials at a time: for async
 * objectives that wait on I/O or on a GPU; CPU-bound ones in one JS thread run one at a
 * time anyway (use `processPool` from `@fanin/search/node`).
 */
export function inProcess<P extends Params = Params>(
  objective: Objective<P>,
  options: { concurrency?: number } = {},
): Executor {
  return {
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
    async run(job, channel) {
      const trial = new Trial<P>(job, channel);
      try {
        return { kind: 'returned', value: await objective(trial) };
      } catch (error) {
        if (isTrialPruned(error))
          return { kind: 'pruned', reason: (error as TrialPruned).reason ?? error.message };
        return { kind: 'threw', message: describeError(error) };
      }
    },
  };
}
