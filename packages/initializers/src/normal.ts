import { defineInitializer, option } from '@fanin/core';
import { sampleTensor } from './sampling.js';

/**
 * normal: N(mean, std²), PyTorch's `normal_(mean=0, std=1)` with the same defaults. The
 * classic `0.01 * randn` is `normal({ std: 0.01 })`. Keras's `RandomNormal` and tfjs's
 * `randomNormal` default to std 0.05 instead. std 0 is honoured and gives every value equal
 * to `mean` (tfjs replaces a 0 by its default).
 *
 * The variance does not depend on the layer's size, so a deep stack with a fixed std
 * either vanishes (std too small) or saturates (too large); prefer glorot, he or lecun.
 */
export const normal = defineInitializer({
  description: 'Normal distribution N(mean, std²) with a fixed std (0.01 * randn is { std: 0.01 })',
  options: {
    mean: option.number({ description: 'Mean of the distribution', default: 0 }),
    std: option.number({
      description: 'Standard deviation (0 gives every value the mean)',
      default: 1,
      min: 0,
    }),
  },
  metadata: { random: true, distribution: 'normal' },
  create: ({ mean, std }, { name }) => ({
    name,
    init: (shape, { random }) => sampleTensor(shape, () => mean + std * random.normal()),
  }),
});
