import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { BaseOptimizer, learningRateOption, weightDecayOption } from './base-optimizer.js';

/** Adam's options besides the learning rate and weight decay, shared with AdamW. */
export const adamOptions = {
  beta1: option.number({
    description: 'Decay of the running mean of gradients (first moment)',
    default: 0.9,
    min: 0,
    lessThan: 1,
  }),
  beta2: option.number({
    description: 'Decay of the running mean of squared gradients (second moment)',
    default: 0.999,
    min: 0,
    lessThan: 1,
  }),
  epsilon: option.number({
    description: 'Added to the bias-corrected root in the denominator',
    default: 1e-8,
    min: 0,
  }),
  amsgrad: option.boolean({
    description: 'Use the running maximum of the second moment (Reddi et al. 2018)',
    default: false,
  }),
};

export interface AdamSettings {
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  amsgrad: boolean;
}

/**
 * Adam with PyTorch's arithmetic. `decoupled` selects AdamW: the decay multiplies the
 * parameter by (1 - lr * weightDecay) before the Adam step instead of entering the gradient.
 */
export class AdamOptimizer extends BaseOptimizer {
  readonly name: string;
  private readonly settings: AdamSettings;
  private readonly decoupled: boolean;

  constructor(settings: AdamSettings, decoupled: boolean) {
    super({ learningRate: settings.learningRate, weightDecay: settings.weightDecay });
    this.settings = settings;
    this.decoupled = decoupled;
    this.name = decoupled ? 'adamw' : 'adam';
  }

  protected update(name: string, parameter: Variable, gradient: Tensor, step: number): void {
    const { beta1, beta2, epsilon, amsgrad } = this.settings;
    let value: Tensor = parameter;
    let g = gradient;
    if (this.decoupled) {
      if (this.weightDecay > 0) value = tf.mul(parameter, 1 - this.learningRate * this.weightDecay);
    } else {
      g = this.decayedGradient(parameter, gradient);
    }
    const first = this.slot(name, 'firstMoment', parameter);
    const second = this.slot(name, 'secondMoment', parameter);
    first.assign(tf.add(tf.mul(first, beta1), tf.mul(g, 1 - beta1)));
    second.assign(tf.add(tf.mul(second, beta2), tf.mul(tf.square(g), 1 - beta2)));
    let secondUsed: Tensor = second;
    if (amsgrad) {
      const maximum = this.slot(name, 'maxSecondMoment', parameter);
      maximum.assign(tf.maximum(maximum, second));
      secondUsed = maximum;
    }
    const stepSize = this.learningRate / (1 - beta1 ** step);
    const correction2 = Math.sqrt(1 - beta2 ** step);
    const denominator = tf.add(tf.div(tf.sqrt(secondUsed), correction2), epsilon);
    parameter.assign(tf.sub(value, tf.mul(tf.div(first, denominator), stepSize)));
  }
}

/**
 * Adam (Kingma & Ba 2015): m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). Bias-corrected moments,
 * epsilon added after the correction, as PyTorch `Adam` (Keras adds an epsilon-hat instead and
 * defaults it to 1e-7). `weightDecay` is L2 added to the gradient, which Adam's scaling weakens
 * for parameters with large gradients; prefer `adamw` for regularization.
 */
export const adam = defineOptimizer({
  description: 'Adam: bias-corrected running moments of the gradient (Kingma & Ba)',
  options: {
    learningRate: learningRateOption(0.001),
    ...adamOptions,
    weightDecay: weightDecayOption,
  },
  create: (options) => new AdamOptimizer(options, false),
});
