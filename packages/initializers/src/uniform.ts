import { defineInitializer, InvalidOptionError, option } from '@fanin/core';
import { sampleTensor } from './sampling.js';

/**
 * uniform: U(min, max), PyTorch's `uniform_(a=0, b=1)` with the same defaults (Keras's
 * `RandomUniform` and tfjs's `randomUniform` default to ±0.05). Values lie in [min, max];
 * min = max gives every value min. Zero bounds are honoured (tfjs replaces `minval: 0` by
 * −0.05). Mean (min + max)/2, variance (max − min)²/12.
 */
export const uniform = defineInitializer({
  description: 'Uniform distribution U(min, max) with fixed bounds',
  options: {
    min: option.number({ description: 'Lower bound', default: 0 }),
    max: option.number({ description: 'Upper bound (>= min)', default: 1 }),
  },
  metadata: { random: true, distribution: 'uniform' },
  create: ({ min, max }, { name }) => {
    if (min > max) {
      throw new InvalidOptionError(`initializer "${name}"`, 'max', `>= min (${min})`, max);
    }
    return {
      name,
      init: (shape, { random }) => sampleTensor(shape, () => min + (max - min) * random.uniform()),
    };
  },
});
