import type { Space } from '../space/space.js';
import type { Direction, TrialRecord } from '../storage/storage.js';

/** What a sampler is asked: the unit coordinates of one trial. */
export interface SampleContext {
  readonly space: Space;
  /** The study's seed. */
  readonly seed: number;
  /** The trial number: 0, 1, 2, ... in the order trials are created in the study. */
  readonly number: number;
  /** The study's direction (model-based samplers rank trials by it). */
  readonly direction?: Direction;
  /**
   * Model-based samplers: the study's trials numbered below `historyBoundary(number)`, all
   * finished, in number order. Absent when the sampler has no boundary for this trial.
   */
  readonly history?: readonly TrialRecord[];
}

/**
 * Chooses where trials go, as unit coordinates in [0, 1) per parameter; the space's
 * distributions turn them into values. Samplers here are pure functions of (space, seed,
 * trial number), model-based ones also of the finished trials below their boundary: the
 * parameters of trial k do not depend on how many workers run, in which order trials
 * finish, or whether the sweep was killed and resumed.
 */
export interface Sampler {
  /** Registry name (`random`, `grid`, `sobol`, `tpe`). */
  readonly name: string;
  /** The JSON config that recreates this sampler (stored with the study). */
  readonly config: { readonly type: string } & Readonly<Record<string, unknown>>;
  /** Unit coordinates of trial `context.number`, one per parameter of the space. */
  sample(context: SampleContext): Record<string, number>;
  /** How many distinct trials this sampler can produce for a space (a grid's size), if finite. */
  capacity?(space: Space): number;
  /**
   * Model-based samplers (TPE): trial `number` is drawn from the trials numbered below this
   * boundary, and the study starts it only once all of them are finished, so its parameters
   * do not depend on how many workers run. Absent or 0: the trial needs no history.
   */
  historyBoundary?(number: number): number;
}

declare module '@fanin/core' {
  interface KindTypes {
    sampler: { value: Sampler; metadata: Record<string, unknown> };
  }
}
