import { type CreateContext, defineInitializer, InvalidOptionError, option } from '@fanin/core';
import { type ActivationConfig, activationOption, calculateGain } from './gain.js';
import { fanOptions, varianceScalingInitializer } from './variance-scaling.js';

const heOptions = {
  mode: option.enum(['fanIn', 'fanOut'], {
    description:
      'fanIn preserves the variance of activations (forward), fanOut of gradients (backward)',
    default: 'fanIn',
  }),
  negativeSlope: option.number({
    description:
      "Negative slope of the leaky ReLU that follows (PyTorch's a): gain √(2/(1 + a²)); default 0",
    optional: true,
  }),
  nonlinearity: activationOption(
    "The activation that follows; the gain is its calculateGain (needs the activations plugin). Default relu's √2",
  ),
  ...fanOptions,
} as const;

/** The gain of the He family: from `nonlinearity`, else √(2/(1 + negativeSlope²)). */
function heGain(
  options: { negativeSlope: number | undefined; nonlinearity: ActivationConfig | undefined },
  { name, registry }: CreateContext,
): number {
  const { negativeSlope, nonlinearity } = options;
  if (nonlinearity === undefined) return Math.sqrt(2 / (1 + (negativeSlope ?? 0) ** 2));
  if (negativeSlope !== undefined) {
    throw new InvalidOptionError(
      `initializer "${name}"`,
      'negativeSlope',
      'left out when "nonlinearity" is given (set the slope in the activation\'s options)',
      negativeSlope,
    );
  }
  return calculateGain(registry, nonlinearity);
}

/**
 * heNormal (kaimingNormal): N(0, σ²) with σ = gain/√fan (He et al., 2015), fan = fanIn
 * (default) or fanOut, gain √(2/(1 + a²)) for a leaky ReLU of slope a = `negativeSlope`
 * (√2 for ReLU), or the gain of `nonlinearity`. A plain, untruncated normal as PyTorch's
 * `kaiming_normal_(w, a, mode, nonlinearity)`, and as in the paper. Keras's `HeNormal`
 * truncates at ±2σ with the std corrected: `varianceScaling({ scale: 2 })`; tfjs's
 * `heNormal` truncates without the correction (variance 23% low).
 * The initialization for ReLU networks: keeps the activations' variance constant with depth.
 */
export const heNormal = defineInitializer({
  description: 'He/Kaiming normal: N(0, gain²/fan), gain √(2/(1 + a²)); untruncated as PyTorch',
  aliases: ['kaimingNormal'],
  options: heOptions,
  metadata: { random: true, distribution: 'normal' },
  create: (options, context) =>
    varianceScalingInitializer(context.name, {
      ...options,
      scale: heGain(options, context) ** 2,
      distribution: 'normal',
    }),
});

/**
 * heUniform (kaimingUniform): U(−b, b) with b = gain·√(3/fan), variance gain²/fan; PyTorch's
 * `kaiming_uniform_(w, a, mode, nonlinearity)` and (a = 0) Keras's `HeUniform`.
 * PyTorch's default for `nn.Linear`/`nn.Conv*` weights, U(±1/√fanIn), is
 * `heUniform({ negativeSlope: Math.sqrt(5) })`, and its bias, U(±1/√fanIn) with the kernel's
 * fan-in, `heUniform({ negativeSlope: Math.sqrt(5), fanIn })`.
 */
export const heUniform = defineInitializer({
  description: 'He/Kaiming uniform: U(±gain·√(3/fan)), gain √(2/(1 + a²))',
  aliases: ['kaimingUniform'],
  options: heOptions,
  metadata: { random: true, distribution: 'uniform' },
  create: (options, context) =>
    varianceScalingInitializer(context.name, {
      ...options,
      scale: heGain(options, context) ** 2,
      distribution: 'uniform',
    }),
});
