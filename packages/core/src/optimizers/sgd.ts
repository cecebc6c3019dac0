import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { defineOptimizer } from '../registry/entry.js';
import { sgdInPlace } from '../kernels/fused-optimizers.js';
import {
  BaseOptimizer,
  learningRateOption,
  type PendingUpdate,
  weightDecayOption,
} from './base-optimizer.js';

class SgdOptimizer extends BaseOptimizer {
  readonly name = 'sgd';

  /** Every parameter in one fused call where the backend allows it (in place), else `update`. */
  protected override updateAll(pending: readonly PendingUpdate[], step: number): void {
    const rest = sgdInPlace(
      pending.map((entry) => ({ ...entry, velocity: undefined })),
      {
        learningRate: this.learningRate,
        momentum: 0,
        weightDecay: this.weightDecay,
        nesterov: false,
      },
    );
    for (const entry of rest) this.update(entry.name, entry.parameter, entry.gradient, step);
  }

  protected update(_name: string, parameter: Variable, gradient: Tensor, _step?: number): void {
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
