import type { TrialHandle } from '@fanin/search';

/** A bowl with a learning curve (see sweep.mjs). */
export function bowl(trial: TrialHandle): Promise<number>;
/** Blocks the CPU for params.blockMs, then returns params.x. */
export function blocking(trial: TrialHandle): number;
/** Throws a RangeError. */
export function throwing(trial: TrialHandle): never;
