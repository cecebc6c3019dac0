import { defineOptimizer } from '../registry/entry.js';
import { MomentumOptimizer, momentumOptions } from './momentum.js';

/**
 * Nesterov accelerated gradient in PyTorch's form: v <- mu * v + g; p <- p - lr * (g + mu * v),
 * the "look-ahead" rewritten so that the gradient is taken at the current parameters
 * (Sutskever et al. 2013; Bengio et al. 2012). PyTorch `SGD(lr, momentum, nesterov=True)`.
 */
export const nesterov = defineOptimizer({
  description: 'SGD with Nesterov momentum: v = mu v + g; p -= lr (g + mu v)',
  options: momentumOptions,
  create: (options) => new MomentumOptimizer({ ...options, nesterov: true }),
});
