import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';

interface AdagradOptions {
  learningRate: number;
  weightDecay: number;
  learningRateDecay: number;
  initialAccumulatorValue: number;
  epsilon: number;
}

class AdagradOptimizer extends BaseOptimizer {
  readonly name = 'adagrad';
  private readonly options: AdagradOptions;

  constructor(options: AdagradOptions) {
    super(options);
    this.options = options;
  }

  protected update(name: string, parameter: Variable, gradient: Tensor, step: number): void {
    const sum = this.slot(name, 'sum', parameter, this.options.initialAccumulatorValue);
    const g = this.decayedGradient(parameter, gradient);
    const rate = this.learningRate / (1 + (step - 1) * this.options.learningRateDecay);
    sum.assign(tf.add(sum, tf.square(g)));
    const denominator = tf.add(tf.sqrt(sum), this.scalar(this.options.epsilon));
    parameter.assign(tf.sub(parameter, tf.mul(tf.div(g, denominator), this.scalar(rate))));
  }
}

/**
 * Adagrad (Duchi et al. 2011): s <- s + g^2; p <- p - lr_t * g / (sqrt(s) + eps), with
 * lr_t = lr / (1 + (t - 1) * learningRateDecay). Each parameter's step shrinks with the
 * squared gradients it has seen, which suits sparse features and makes the effective rate
 * decay to zero on long runs. Defaults and epsilon placement follow PyTorch `Adagrad`
 * (Keras uses initial accumulator 0.1 and epsilon 1e-7).
 */
export const adagrad = defineOptimizer({
  description: 'Adagrad: per-parameter steps scaled by the root of the summed squared gradients',
  options: {
    learningRate: learningRateOption(0.01),
    learningRateDecay: option.number({
      description: 'Divides the rate by 1 + (t - 1) * learningRateDecay (PyTorch lr_decay)',
      default: 0,
      min: 0,
    }),
    initialAccumulatorValue: option.number({
      description: 'Starting value of the squared-gradient sum',
      default: 0,
      min: 0,
    }),
    epsilon: option.number({
      description: 'Added to the root in the denominator',
      default: 1e-10,
      min: 0,
    }),
    weightDecay: weightDecayOption,
  },
  create: (options) => new AdagradOptimizer(options),
});
