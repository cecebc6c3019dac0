import {
  defineActivation,
  Module,
  option,
  ShapeError,
  type Tensor,
  tf,
  type Variable,
} from '@fanin/core';
import { greaterMask } from './masks.js';

export const preluOptions = {
  perChannel: option.boolean({
    description:
      'One slope per channel (the last axis, e.g. features of [batch, features] or channels of NHWC) instead of one shared slope',
    default: false,
  }),
  init: option.number({
    description: 'Initial slope (PyTorch 0.25; Keras and tfjs start at 0)',
    default: 0.25,
  }),
} as const;

/**
 * The parametric relu (He et al. 2015), prelu(x) = x for x > 0, alpha * x otherwise, with a
 * learned slope `alpha`: a scalar (shared) or a vector over the last axis (per channel).
 *
 * - Range (-inf, inf). Not necessarily monotonic: the learned slope may turn negative.
 * - Derivative in x: 1 for x > 0, alpha for x <= 0 (alpha at 0, as PyTorch). Derivative in
 *   alpha: x for x <= 0, 0 otherwise, summed over every position sharing the slope.
 * - Written as x * (m + alpha (1 - m)) with a zero-gradient mask m = [x > 0], so both gradients
 *   and the kink convention come from the expression, and broadcasting does the sum.
 */
export function prelu(x: Tensor, alpha: Tensor): Tensor {
  const channels = x.shape[x.rank - 1];
  const shared = alpha.rank === 0 || (alpha.rank === 1 && alpha.shape[0] === 1);
  if (!shared && !(alpha.rank === 1 && alpha.shape[0] === channels)) {
    throw new ShapeError(
      `prelu: alpha of shape [${alpha.shape.join(', ')}] does not fit an input of shape [${x.shape.join(', ')}]`,
      `Use a scalar slope or one slope per channel of the last axis (shape [${channels ?? '?'}])`,
    );
  }
  return tf.tidy(() => {
    const positive = greaterMask(x);
    const slope = tf.add(
      positive,
      tf.mul(
        alpha.rank === 0 ? alpha : tf.reshape(alpha, shared ? [] : [channels!]),
        tf.sub(1, positive),
      ),
    );
    return tf.mul(x, slope);
  });
}

export interface PreluOptions {
  /** One slope per channel of the last axis instead of one shared slope. Default false. */
  readonly perChannel?: boolean;
  /** Initial slope. Default 0.25 (PyTorch). */
  readonly init?: number;
}

/**
 * A prelu layer: its parameter `alpha` is created on the first input (shape [] when shared,
 * [channels] per channel) and filled with `init`. Like PyTorch's `nn.PReLU(num_parameters, init)`
 * but with channels on the last axis (fanin is channels-last), and like Keras's `PReLU` with
 * `shared_axes` over every axis but the last.
 */
export class Prelu extends Module {
  readonly type = 'prelu';
  readonly perChannel: boolean;
  readonly init: number;
  alpha: Variable | undefined;

  constructor(options: PreluOptions = {}) {
    super();
    this.perChannel = options.perChannel ?? false;
    this.init = options.init ?? 0.25;
  }

  protected override build(inputShape: readonly number[]): void {
    if (!this.perChannel) {
      this.alpha = this.addParameter('alpha', tf.scalar(this.init));
      return;
    }
    const channels = inputShape[inputShape.length - 1];
    if (channels === undefined || channels < 1) {
      throw new ShapeError(
        `prelu: a per-channel slope needs a known last axis, got input shape [${inputShape.join(', ')}]`,
        'Give the input at least one axis of known size, or use perChannel: false',
      );
    }
    this.alpha = this.addParameter('alpha', tf.fill([channels], this.init));
  }

  protected forward(x: Tensor): Tensor {
    return prelu(x, this.alpha!);
  }
}

export const preluActivation = defineActivation({
  description: 'Parametric relu with a learned slope (shared or per channel), initial slope 0.25',
  options: preluOptions,
  metadata: {
    range: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    zeroCentered: false,
    saturating: false,
    smooth: false,
    monotonic: false,
    recommendedInitializer: 'heNormal',
    learnable: true,
    // PyTorch's calculate_gain('leaky_relu', init): the leaky gain at the initial slope.
    gain: (options) => Math.sqrt(2 / (1 + ((options.init as number | undefined) ?? 0.25) ** 2)),
  },
  create: (options) => new Prelu(options),
});
