import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';

/** The momentum coefficient option shared by `momentum` and `nesterov`. */
export const momentumOption = option.number({
  description: 'Velocity decay mu: v <- mu * v + g (PyTorch momentum)',
  default: 0.9,
  min: 0,
  lessThan: 1,
});

class MomentumOptimizer extends BaseOptimizer {
  readonly name = 'momentum';
  readonly momentum: number;

  constructor(options: { learningRate: number; weightDecay: number; momentum: number }) {
    super(options);
    this.momentum = options.momentum;
  }

  protected update(name: string, parameter: Variable, gradient: Tensor): void {
    const velocity = this.slot(name, 'velocity', parameter);
    const g = this.decayedGradient(parameter, gradient);
    velocity.assign(tf.add(tf.mul(velocity, this.momentum), g));
    parameter.assign(tf.sub(parameter, tf.mul(velocity, this.learningRate)));
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
  options: {
    learningRate: learningRateOption(0.01),
    momentum: momentumOption,
    weightDecay: weightDecayOption,
  },
  create: (options) => new MomentumOptimizer(options),
});
