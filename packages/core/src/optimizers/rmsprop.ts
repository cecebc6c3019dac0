import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';

interface RmspropOptions {
  learningRate: number;
  weightDecay: number;
  rho: number;
  epsilon: number;
  momentum: number;
  centered: boolean;
}

class RmspropOptimizer extends BaseOptimizer {
  readonly name = 'rmsprop';
  private readonly options: RmspropOptions;

  constructor(options: RmspropOptions) {
    super(options);
    this.options = options;
  }

  protected update(name: string, parameter: Variable, gradient: Tensor): void {
    const { rho, epsilon, momentum, centered } = this.options;
    const g = this.decayedGradient(parameter, gradient);
    const squareAverage = this.slot(name, 'squareAverage', parameter);
    squareAverage.assign(
      tf.add(tf.mul(squareAverage, this.scalar(rho)), tf.mul(tf.square(g), this.scalar(1 - rho))),
    );
    let variance: Tensor = squareAverage;
    if (centered) {
      const gradientAverage = this.slot(name, 'gradientAverage', parameter);
      gradientAverage.assign(
        tf.add(tf.mul(gradientAverage, this.scalar(rho)), tf.mul(g, this.scalar(1 - rho))),
      );
      variance = tf.sub(squareAverage, tf.square(gradientAverage));
    }
    const scaled = tf.div(g, tf.add(tf.sqrt(variance), this.scalar(epsilon)));
    if (momentum > 0) {
      const buffer = this.slot(name, 'momentum', parameter);
      buffer.assign(tf.add(tf.mul(buffer, this.scalar(momentum)), scaled));
      parameter.assign(tf.sub(parameter, tf.mul(buffer, this.scalar(this.learningRate))));
    } else {
      parameter.assign(tf.sub(parameter, tf.mul(scaled, this.scalar(this.learningRate))));
    }
  }
}

/**
 * RMSprop (Hinton, Coursera lecture 6e): a <- rho * a + (1 - rho) * g^2;
 * p <- p - lr * g / (sqrt(a) + eps). With `centered`, the variance a - mean(g)^2 replaces a;
 * with `momentum`, b <- momentum * b + g / (sqrt(a) + eps); p <- p - lr * b.
 * Defaults follow PyTorch `RMSprop` (lr 0.01, rho = PyTorch's alpha = 0.99, eps 1e-8 added
 * outside the root); Keras uses lr 0.001, rho 0.9, eps 1e-7 and the lecture rho 0.9.
 */
export const rmsprop = defineOptimizer({
  description: 'RMSprop: steps scaled by a running root mean square of the gradients',
  options: {
    learningRate: learningRateOption(0.01),
    rho: option.number({
      description: 'Decay of the running mean of squared gradients (PyTorch alpha, Keras rho)',
      default: 0.99,
      min: 0,
      lessThan: 1,
    }),
    epsilon: option.number({
      description: 'Added to the root in the denominator',
      default: 1e-8,
      min: 0,
    }),
    momentum: option.number({
      description: 'Momentum on the scaled step (0 for none)',
      default: 0,
      min: 0,
      lessThan: 1,
    }),
    centered: option.boolean({
      description: 'Divide by the gradient variance estimate instead of the raw second moment',
      default: false,
    }),
    weightDecay: weightDecayOption,
  },
  create: (options) => new RmspropOptimizer(options),
});
