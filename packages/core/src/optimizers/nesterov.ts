import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';
import { momentumOption } from './momentum.js';

class NesterovOptimizer extends BaseOptimizer {
  readonly name = 'nesterov';
  readonly momentum: number;

  constructor(options: { learningRate: number; weightDecay: number; momentum: number }) {
    super(options);
    this.momentum = options.momentum;
  }

  protected update(name: string, parameter: Variable, gradient: Tensor): void {
    const velocity = this.slot(name, 'velocity', parameter);
    const g = this.decayedGradient(parameter, gradient);
    velocity.assign(tf.add(tf.mul(velocity, this.momentum), g));
    const direction = tf.add(g, tf.mul(velocity, this.momentum));
    parameter.assign(tf.sub(parameter, tf.mul(direction, this.learningRate)));
  }
}

/**
 * Nesterov accelerated gradient in PyTorch's form: v <- mu * v + g; p <- p - lr * (g + mu * v),
 * the "look-ahead" rewritten so that the gradient is taken at the current parameters
 * (Sutskever et al. 2013; Bengio et al. 2012). PyTorch `SGD(lr, momentum, nesterov=True)`.
 */
export const nesterov = defineOptimizer({
  description: 'SGD with Nesterov momentum: v = mu v + g; p -= lr (g + mu v)',
  options: {
    learningRate: learningRateOption(0.01),
    momentum: momentumOption,
    weightDecay: weightDecayOption,
  },
  create: (options) => new NesterovOptimizer(options),
});
