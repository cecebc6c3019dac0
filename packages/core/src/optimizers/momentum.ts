import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { sgdInPlace } from '../kernels/fused-optimizers.js';
import {
  BaseOptimizer,
  learningRateOption,
  type PendingUpdate,
  weightDecayOption,
} from './base-optimizer.js';

/** The options of `momentum` and `nesterov`, declared once. */
export const momentumOptions = {
  learningRate: learningRateOption(0.01),
  momentum: option.number({
    description: 'Velocity decay mu: v <- mu * v + g (PyTorch momentum)',
    default: 0.9,
    min: 0,
    lessThan: 1,
  }),
  weightDecay: weightDecayOption,
} as const;

/**
 * SGD with a velocity v <- mu * v + g, stepping along v (`momentum`) or, with `nesterov`,
 * along the look-ahead g + mu * v, as PyTorch's `SGD(momentum, nesterov)` does in one class.
 */
export class MomentumOptimizer extends BaseOptimizer {
  readonly name: 'momentum' | 'nesterov';
  readonly momentum: number;
  private readonly nesterov: boolean;

  constructor(options: {
    learningRate: number;
    weightDecay: number;
    momentum: number;
    nesterov: boolean;
  }) {
    super(options);
    this.momentum = options.momentum;
    this.nesterov = options.nesterov;
    this.name = options.nesterov ? 'nesterov' : 'momentum';
  }

  /** Every parameter in one fused call where the backend allows it (in place), else `update`. */
  protected override updateAll(pending: readonly PendingUpdate[], step: number): void {
    const entries = pending.map((entry) => ({
      ...entry,
      velocity: this.slot(entry.name, 'velocity', entry.parameter),
    }));
    const rest = sgdInPlace(entries, {
      learningRate: this.learningRate,
      momentum: this.momentum,
      weightDecay: this.weightDecay,
      nesterov: this.nesterov,
    });
    for (const entry of rest) this.update(entry.name, entry.parameter, entry.gradient, step);
  }

  protected update(name: string, parameter: Variable, gradient: Tensor, _step?: number): void {
    const velocity = this.slot(name, 'velocity', parameter);
    const g = this.decayedGradient(parameter, gradient);
    velocity.assign(tf.add(tf.mul(velocity, this.scalar(this.momentum)), g));
    const direction = this.nesterov
      ? tf.add(g, tf.mul(velocity, this.scalar(this.momentum)))
      : velocity;
    parameter.assign(tf.sub(parameter, tf.mul(direction, this.scalar(this.learningRate))));
  }
}

/**
 * Classical (heavy ball) momentum in PyTorch's convention: v <- mu * v + g; p <- p - lr * v,
 * with v starting at 0 (so the first step is plain SGD). The learning rate scales the whole
 * velocity, so changing it mid-training takes effect at once. (Sutskever et al. and Keras
 * write v <- mu * v - lr * g; p <- p + v, which is the same for a constant learning rate.)
 * PyTorch `SGD(lr, momentum, weight_decay)` with dampening 0.
 */
export const momentum = defineOptimizer({
  description: 'SGD with classical (heavy ball) momentum: v = mu v + g; p -= lr v',
  options: momentumOptions,
  create: (options) => new MomentumOptimizer({ ...options, nesterov: false }),
});
