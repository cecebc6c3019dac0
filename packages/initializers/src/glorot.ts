import { defineInitializer, option } from '@fanin/core';
import { fanOptions, varianceScalingInitializer } from './variance-scaling.js';

const gain = option.number({
  description: "Multiplies the standard deviation (PyTorch's gain)",
  default: 1,
  min: 0,
});

/**
 * glorotNormal (xavierNormal): N(0, σ²) with σ = gain·√(2/(fanIn + fanOut)) (Glorot and
 * Bengio, 2010). A plain, untruncated normal as PyTorch's `xavier_normal_(w, gain)`; Keras's
 * `GlorotNormal` and tfjs's `glorotNormal` truncate at ±2σ instead (Keras corrects the std,
 * tfjs does not): use `varianceScaling({ mode: 'fanAvg' })` for Keras's.
 * Keeps the variance of activations and of gradients balanced through linear, tanh and
 * sigmoid layers; for ReLU use he.
 */
export const glorotNormal = defineInitializer({
  description: 'Glorot/Xavier normal: N(0, gain²·2/(fanIn + fanOut)), untruncated as PyTorch',
  aliases: ['xavierNormal'],
  options: { gain, ...fanOptions },
  metadata: { random: true, distribution: 'normal' },
  create: ({ gain, ...fans }, { name }) =>
    varianceScalingInitializer(name, {
      ...fans,
      scale: gain * gain,
      mode: 'fanAvg',
      distribution: 'normal',
    }),
});

/**
 * glorotUniform (xavierUniform): U(−a, a) with a = gain·√(6/(fanIn + fanOut)), variance
 * gain²·2/(fanIn + fanOut). Identical to PyTorch's `xavier_uniform_(w, gain)` and (gain 1)
 * Keras's and tfjs's `GlorotUniform`, Keras's default kernel initializer.
 */
export const glorotUniform = defineInitializer({
  description: "Glorot/Xavier uniform: U(±gain·√(6/(fanIn + fanOut))), Keras's default",
  aliases: ['xavierUniform'],
  options: { gain, ...fanOptions },
  metadata: { random: true, distribution: 'uniform' },
  create: ({ gain, ...fans }, { name }) =>
    varianceScalingInitializer(name, {
      ...fans,
      scale: gain * gain,
      mode: 'fanAvg',
      distribution: 'uniform',
    }),
});
