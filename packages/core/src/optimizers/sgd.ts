import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';

class SgdOptimizer extends BaseOptimizer {
  readonly name = 'sgd';

  protected update(_name: string, parameter: Variable, gradient: Tensor): void {
    parameter.assign(
      tf.sub(
        parameter,
        tf.mul(this.decayedGradient(parameter, gradient), this.scalar(this.learningRate)),
      ),
    );
  }
}

/**
 * Plain stochastic gradient descent: p <- p - lr * (g + weightDecay * p).
 * PyTorch `torch.optim.SGD(lr, weight_decay)` with no momentum; Keras `SGD`.
 */
export const sgd = defineOptimizer({
  description: 'Stochastic gradient descent: p -= lr * g',
  options: {
    learningRate: learningRateOption(0.01),
    weightDecay: weightDecayOption,
  },
  create: (options) => new SgdOptimizer(options),
});
