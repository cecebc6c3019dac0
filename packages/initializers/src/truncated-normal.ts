import { defineInitializer, option, type Random, type Tensor } from '@fanin/core';
import { sampleTensor, truncatedStandardNormal } from './sampling.js';

/**
 * Samples N(mean, std²) conditioned on |x − mean| <= bound·std, exactly (values outside are
 * redrawn, never clipped). `std` is the standard deviation of the underlying normal.
 */
export function truncatedNormalTensor(
  random: Random,
  shape: readonly number[],
  mean: number,
  std: number,
  bound: number,
): Tensor {
  return sampleTensor(shape, () => mean + std * truncatedStandardNormal(random, bound));
}

/**
 * truncatedNormal: N(mean, std²) restricted to [mean − bound·std, mean + bound·std].
 *
 * Semantics are PyTorch's `trunc_normal_`: `std` is the standard deviation of the
 * underlying normal, not of the result, so the result's std is smaller:
 * std · 0.8796 at the default bound 2 (see `truncatedNormalStd` in stats). The one
 * difference is that bounds are given in standard deviations, as TensorFlow and Keras do,
 * because PyTorch's absolute `a=-2, b=2` silently stop truncating once std is small
 * (std 0.02 is effectively untruncated). So `truncatedNormal({ mean, std, bound })` is
 * `trunc_normal_(w, mean, std, a=mean − bound·std, b=mean + bound·std)`; the defaults
 * (0, 1, 2) coincide with PyTorch's.
 *
 * Keras's `TruncatedNormal(0, 0.05)` is `{ std: 0.05 }` here. For a truncated normal with a
 * given variance (the variance-scaling family), use `varianceScaling`, which corrects std.
 */
export const truncatedNormal = defineInitializer({
  description:
    'Normal N(mean, std²) truncated to mean ± bound·std (std of the underlying normal, as PyTorch)',
  options: {
    mean: option.number({
      description: 'Mean of the underlying normal (and of the result)',
      default: 0,
    }),
    std: option.number({
      description:
        'Standard deviation of the underlying normal; the result has std·0.8796 at bound 2',
      default: 1,
      min: 0,
    }),
    bound: option.number({
      description:
        'Truncation half-width in standard deviations: values lie within mean ± bound·std',
      default: 2,
      greaterThan: 0,
    }),
  },
  metadata: { random: true, distribution: 'truncatedNormal' },
  create: ({ mean, std, bound }, { name }) => ({
    name,
    init: (shape, { random }) => truncatedNormalTensor(random, shape, mean, std, bound),
  }),
});
