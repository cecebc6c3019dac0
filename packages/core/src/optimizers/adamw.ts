import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { AdamOptimizer, adamOptions } from './adam.js';
import { learningRateOption } from './base-optimizer.js';

/**
 * AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay,
 * p <- p * (1 - lr * weightDecay) before the Adam step, so every weight decays at the same
 * rate however large its gradients. Matches PyTorch `AdamW` (default weightDecay 0.01);
 * Keras `AdamW` defaults to 0.004.
 */
export const adamw = defineOptimizer({
  description: 'Adam with decoupled weight decay (Loshchilov & Hutter)',
  options: {
    learningRate: learningRateOption(0.001),
    ...adamOptions,
    weightDecay: option.number({
      description: 'Decoupled decay: multiplies parameters by (1 - lr * weightDecay) each step',
      default: 0.01,
      min: 0,
    }),
  },
  create: (options) => new AdamOptimizer(options, true),
});
