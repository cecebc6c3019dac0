import { describeValue, FaninError } from '@fanin/core';
import type { Distribution, DistributionJson, ParamValue } from './space/distribution.js';
import type { Params, ValueOfDistribution } from './space/space.js';
import type { Direction, JsonValue } from './storage/storage.js';

/** Everything a trial needs to run, as plain data (it crosses to worker processes). */
export interface TrialJob {
  readonly studyName: string;
  /** Storage-wide trial id. */
  readonly trialId: number;
  /** The trial's number in its study (0, 1, 2...). */
  readonly number: number;
  /** 1 for the first run, more when re-run after a crash or a resume. */
  readonly attempt: number;
  readonly params: Params;
  /** The stage's budget per trial (epochs), if the study has one. */
  readonly epochs: number | undefined;
  /** A seed for this trial's own randomness (weights, shuffling): hashSeed(study seed, number, "trial"). */
  readonly seed: number;
  readonly direction: Direction;
}

/**
 * The trial's line back to its study: in-process it is the study itself, in a worker
 * process it is IPC to the controller. Calls are answered in order.
 */
export interface TrialChannel {
  report(step: number, value: number): Promise<void>;
  shouldPrune(): Promise<boolean>;
  setUserAttr(key: string, value: JsonValue): Promise<void>;
  suggest(name: string, distribution: DistributionJson): Promise<ParamValue>;
}

/**
 * What an objective (and `healthCallback`) needs from a trial. {@link Trial} implements it,
 * and so does the trial object a worker process gives its objective.
 */
export interface TrialHandle<P extends Params = Params> {
  readonly number: number;
  readonly attempt: number;
  readonly params: Readonly<P>;
  readonly epochs: number | undefined;
  readonly seed: number;
  report(step: number, value: number): Promise<void>;
  shouldPrune(): Promise<boolean>;
  setUserAttr(key: string, value: JsonValue): Promise<void>;
}

/** Throws unless `value` can be stored as JSON (NaN and Infinity allowed). */
export function checkJsonValue(value: unknown, path: string): asserts value is JsonValue {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  )
    return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkJsonValue(item, `${path}[${index}]`);
    });
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkJsonValue(item, `${path}.${key}`);
    return;
  }
  throw new FaninError(
    'INVALID_ATTRIBUTE',
    `${path} must be JSON data (numbers, strings, booleans, null, arrays, plain objects), got ${describeValue(value)}`,
  );
}

/**
 * One evaluation of the objective. Holds the sampled `params` (typed from the space), the
 * stage's `epochs` and a `seed`; reports intermediate values and asks whether to stop:
 *
 * ```ts
 * for (let epoch = 0; epoch < trial.epochs!; epoch++) {
 *   const loss = await trainOneEpoch();
 *   await trial.report(epoch, loss);
 *   if (await trial.shouldPrune()) throw new TrialPruned();
 * }
 * ```
 *
 * Once `shouldPrune()` has said yes, the trial is recorded as pruned however the objective
 * ends, so a callback that stops training (healthCallback) is enough. The methods are async
 * because in a worker process they are messages to the controller.
 */
export class Trial<P extends Params = Params> implements TrialHandle<P> {
  readonly studyName: string;
  readonly id: number;
  readonly number: number;
  readonly attempt: number;
  readonly params: Readonly<P>;
  readonly epochs: number | undefined;
  readonly seed: number;
  readonly direction: Direction;
  /** The user attributes set through this object. */
  readonly userAttrs: Record<string, JsonValue> = {};
  private readonly channel: TrialChannel;

  constructor(job: TrialJob, channel: TrialChannel) {
    this.studyName = job.studyName;
    this.id = job.trialId;
    this.number = job.number;
    this.attempt = job.attempt;
    this.params = Object.freeze({ ...job.params }) as Readonly<P>;
    this.epochs = job.epochs;
    this.seed = job.seed;
    this.direction = job.direction;
    this.channel = channel;
  }

  /**
   * Records the objective's value at a step (an epoch, a batch count). Steps are integers
   * >= 0; a step reported twice keeps its first value (as in Optuna). NaN is a valid report:
   * it is what a diverged loss looks like, and pruners act on it.
   */
  report(step: number, value: number): Promise<void> {
    if (!Number.isInteger(step) || step < 0) {
      throw new FaninError(
        'INVALID_REPORT',
        `trial ${this.number}: step must be an integer >= 0, got ${describeValue(step)}`,
      );
    }
    if (typeof value !== 'number') {
      throw new FaninError(
        'INVALID_REPORT',
        `trial ${this.number}: reported value must be a number, got ${describeValue(value)}`,
        'Report a scalar: await loss.data() first',
      );
    }
    return this.channel.report(step, value);
  }

  /** Asks the study's pruner whether to stop now (always false without a pruner). */
  shouldPrune(): Promise<boolean> {
    return this.channel.shouldPrune();
  }

  /** Stores a JSON value with the trial (learning curves, health statistics, a checkpoint path). */
  setUserAttr(key: string, value: JsonValue): Promise<void> {
    checkJsonValue(value, `trial ${this.number} user attribute "${key}"`);
    this.userAttrs[key] = value;
    return this.channel.setUserAttr(key, value);
  }

  /**
   * Define-by-run: draws a parameter that is not in the study's space (a conditional one,
   * such as momentum only when the optimizer is SGD). The value depends only on (study seed,
   * trial number, name), is journaled with the trial and is the same when the trial is re-run.
   */
  async suggest<D extends Distribution>(
    name: string,
    distribution: D,
  ): Promise<ValueOfDistribution<D>> {
    return (await this.channel.suggest(name, distribution.toJSON())) as ValueOfDistribution<D>;
  }
}
