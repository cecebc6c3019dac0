import {
  InvalidOptionError,
  noGrad,
  type OptionSpec,
  option,
  type Tensor,
  tf,
  type Variable,
} from '@fanin/core';
import { ConflictingOptionsError } from './errors.js';

/** The default weight of the new batch (PyTorch's momentum 0.1 = Keras momentum 0.99). */
export const DEFAULT_MOMENTUM = 0.1;

/**
 * The largest `momentum` accepted. A weight above 0.5 on each new batch is almost always a
 * Keras decay (0.9, 0.99, 0.999) put in the PyTorch-convention option, which makes the running
 * statistics follow the last batch; it is refused with a message naming `decay`. Every weight
 * stays reachable: a new-batch weight w above 0.5 is `decay: 1 - w`.
 */
export const MAX_MOMENTUM = 0.5;

/** Formats 1 - value without binary noise (1 - 0.99 = 0.01, not 0.010000000000000009). */
function complement(value: number): number {
  return Number((1 - value).toPrecision(12));
}

const momentumNumber = option.number({
  description:
    'Weight of the new batch in the running statistics (PyTorch convention), at most 0.5: running = (1 - momentum) * running + momentum * batch. Default 0.1 when neither momentum nor decay is given; a Keras momentum such as 0.99 goes in decay',
  optional: true,
  min: 0,
  max: MAX_MOMENTUM,
});

/**
 * `momentum`, a number in [0, 0.5]. Its JSON Schema, CLI flag and docs are those of
 * `option.number`; a value in (0.5, 1] is refused with a message that names `decay` and gives
 * both readings of the number, e.g. for 0.99:
 * `option "momentum" must be a number >= 0 and <= 0.5 (the weight of the new batch, PyTorch's
 * convention; for Keras's momentum 0.99 pass decay: 0.99, for a new-batch weight of 0.99 pass
 * decay: 0.01), got 0.99`.
 */
const momentumOption: OptionSpec<number, 'optional'> = {
  ...momentumNumber,
  parse(value, path, subject) {
    if (typeof value === 'number' && value > MAX_MOMENTUM && value <= 1) {
      throw new InvalidOptionError(
        subject,
        path,
        `${momentumNumber.expected} (the weight of the new batch, PyTorch's convention; for Keras's momentum ${value} pass decay: ${value}, for a new-batch weight of ${value} pass decay: ${complement(value)})`,
        value,
      );
    }
    return momentumNumber.parse(value, path, subject);
  },
};

/**
 * The options of a normalizer that keeps running statistics (batch norm, and instance norm
 * with `trackRunningStats`). Two conventions for the same number exist and both are accepted,
 * one at a time:
 * - `momentum` (PyTorch): the weight of the new batch, default 0.1;
 * - `decay` (what Keras, TensorFlow and tfjs call `momentum`): the weight of the old
 *   statistics, decay = 1 - momentum, e.g. 0.99.
 * Porting the number without converting it (Keras's 0.99 read as PyTorch's momentum, or
 * PyTorch's 0.1 read as Keras's) puts weight 0.99 or 0.9 on the new batch, so the running
 * statistics follow the last batch; here a Keras value goes in `decay`, giving both is an
 * error, and a `momentum` above 0.5 is refused as the Keras value it almost always is
 * (see {@link MAX_MOMENTUM}).
 */
export const runningStatisticsOptions = {
  momentum: momentumOption,
  decay: option.number({
    description:
      'Weight of the old running statistics (the Keras/TensorFlow "momentum", e.g. 0.99): running = decay * running + (1 - decay) * batch. Give momentum or decay, not both',
    optional: true,
    min: 0,
    max: 1,
  }),
  runningVariance: option.enum(['unbiased', 'biased'], {
    description:
      'Variance stored in the running statistics: "unbiased" multiplies the batch variance by n / (n - 1) as PyTorch does; "biased" stores it as is, as Keras and tfjs do. Training always normalizes with the biased batch variance',
    default: 'unbiased',
  }),
} as const;

/** The weight of the new batch from `momentum` or `decay` (at most one may be given). */
export function newBatchWeight(
  subject: string,
  options: { readonly momentum?: number | undefined; readonly decay?: number | undefined },
): number {
  if (options.momentum !== undefined && options.decay !== undefined) {
    throw new ConflictingOptionsError(
      subject,
      ['momentum', 'decay'],
      'momentum is the weight of the new batch (PyTorch, 0.1); decay = 1 - momentum is the weight of the old statistics (Keras momentum, 0.99): give one',
    );
  }
  if (options.decay !== undefined) return 1 - options.decay;
  return options.momentum ?? DEFAULT_MOMENTUM;
}

/** What {@link updateRunningStatistics} needs. */
export interface RunningUpdate {
  readonly runningMean: Variable;
  readonly runningVar: Variable;
  /**
   * This batch's mean: any shape holding the C channel values (batch norm's [1, C] or
   * [1, C, 1, 1]), or S samples' values each (instance norm's [N, 1, 1, C]), which are averaged.
   */
  readonly mean: Tensor;
  /** This batch's biased variance, same layout as `mean`. */
  readonly variance: Tensor;
  /** How many values each mean and variance was computed from (for n / (n - 1)). */
  readonly count: number;
  /** Weight of the new batch. */
  readonly momentum: number;
  readonly runningVariance: 'unbiased' | 'biased';
}

/**
 * running = (1 - momentum) * running + momentum * batch, for the mean and the variance
 * (made unbiased first if asked). Runs outside the gradient tape and inside its own tidy, so
 * a training step records no extra tape nodes and leaves no tensors behind; the variables
 * keep the new values.
 */
export function updateRunningStatistics(update: RunningUpdate): void {
  noGrad(() =>
    tf.tidy(() => {
      const { runningMean, runningVar, momentum } = update;
      const correction =
        update.runningVariance === 'unbiased' ? update.count / (update.count - 1) : 1;
      const channels = runningMean.size;
      const mean = tf.mean(tf.reshape(update.mean, [-1, channels]), 0);
      const variance = tf.mul(tf.mean(tf.reshape(update.variance, [-1, channels]), 0), correction);
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)));
      runningVar.assign(tf.add(tf.mul(runningVar, 1 - momentum), tf.mul(variance, momentum)));
    }),
  );
}
