import { defineInitializer } from '@fanin/core';
import { fanOptions, varianceScalingInitializer } from './variance-scaling.js';

/**
 * lecunNormal: N(0, 1/fanIn) (LeCun et al., 1998), untruncated, which is PyTorch's
 * `kaiming_normal_(w, nonlinearity='linear')` and the initialization SELU's
 * self-normalizing property assumes (Klambauer et al., 2017). Keras, JAX and tfjs truncate
 * at ±2σ (tfjs without the std correction): Keras's is `varianceScaling()` (its defaults).
 */
export const lecunNormal = defineInitializer({
  description: 'LeCun normal: N(0, 1/fanIn), untruncated (for SELU)',
  options: { ...fanOptions },
  metadata: { random: true, distribution: 'normal' },
  create: (fans, { name }) =>
    varianceScalingInitializer(name, { ...fans, scale: 1, mode: 'fanIn', distribution: 'normal' }),
});

/**
 * lecunUniform: U(−√(3/fanIn), √(3/fanIn)), variance 1/fanIn, as Keras's `LecunUniform` and
 * PyTorch's `kaiming_uniform_(w, nonlinearity='linear')`.
 */
export const lecunUniform = defineInitializer({
  description: 'LeCun uniform: U(±√(3/fanIn)), variance 1/fanIn',
  options: { ...fanOptions },
  metadata: { random: true, distribution: 'uniform' },
  create: (fans, { name }) =>
    varianceScalingInitializer(name, { ...fans, scale: 1, mode: 'fanIn', distribution: 'uniform' }),
});
