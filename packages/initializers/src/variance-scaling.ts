import {
  defineInitializer,
  type Initializer,
  option,
  type Random,
  ShapeError,
  sizeOf,
  type Tensor,
  tf,
} from '@fanin/core';
import { computeFans, type FanMode, type FanOptions, fanOf } from './fans.js';
import { sampleTensor } from './sampling.js';
import { truncatedNormalTensor } from './truncated-normal.js';

/**
 * The standard deviation of a unit normal truncated to ±2: √(1 − 4φ(2)/(2Φ(2) − 1)).
 * Dividing the target std by it gives a ±2σ truncated normal the variance the formula
 * promises. Keras and JAX do this; tfjs does not, so its normal variants start 23% low in
 * variance (12% in std).
 */
export const TRUNCATED_NORMAL_STD_AT_2 = 0.87962566103423978;

/** The distributions of the variance-scaling family. */
export type ScalingDistribution = 'truncatedNormal' | 'normal' | 'uniform';

/** Options to override how fans are computed, shared by the variance-scaling family. */
export const fanOptions = {
  fanIn: option.number({
    description: 'Fan-in to use instead of the one computed from the shape',
    optional: true,
    greaterThan: 0,
  }),
  fanOut: option.number({
    description: 'Fan-out to use instead of the one computed from the shape',
    optional: true,
    greaterThan: 0,
  }),
  inAxes: option.array(option.integer({ description: 'An axis (negative counts from the end)' }), {
    description: 'Axes of the input units (default [-2]); axes in no list are receptive field',
    optional: true,
  }),
  outAxes: option.array(option.integer({ description: 'An axis (negative counts from the end)' }), {
    description: 'Axes of the output units (default [-1])',
    optional: true,
  }),
  batchAxes: option.array(
    option.integer({ description: 'An axis (negative counts from the end)' }),
    {
      description: 'Axes stacking independent kernels, counted in neither fan (default none)',
      optional: true,
    },
  ),
} as const;

/** What a variance-scaling initializer needs: a scale, a fan mode, a distribution, fans. */
export interface VarianceScalingSpec extends FanOptions {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: ScalingDistribution;
}

/**
 * The fan `mode` selects. An explicit fan the mode uses directly needs nothing from the
 * shape, so `{ mode: 'fanIn', fanIn }` works for a bias too.
 */
function fanFor(shape: readonly number[], spec: VarianceScalingSpec): number {
  if (spec.mode === 'fanIn' && spec.fanIn !== undefined) return spec.fanIn;
  if (spec.mode === 'fanOut' && spec.fanOut !== undefined) return spec.fanOut;
  return fanOf(computeFans(shape, spec), spec.mode);
}

/** Samples a tensor with variance scale / n, n the fan `mode` selects (see varianceScaling). */
export function varianceScalingTensor(
  random: Random,
  shape: readonly number[],
  spec: VarianceScalingSpec,
): Tensor {
  const std = Math.sqrt(spec.scale / fanFor(shape, spec));
  switch (spec.distribution) {
    case 'truncatedNormal':
      return truncatedNormalTensor(random, shape, 0, std / TRUNCATED_NORMAL_STD_AT_2, 2);
    case 'normal':
      return sampleTensor(shape, () => std * random.normal());
    case 'uniform': {
      const limit = Math.sqrt(3) * std;
      return sampleTensor(shape, () => limit * (2 * random.uniform() - 1));
    }
  }
}

/**
 * An initializer of the variance-scaling family named `name`. Empty shapes give empty
 * tensors; a shape without fans (a bias) fails with a {@link ShapeError} naming the
 * initializer and the parameter.
 */
export function varianceScalingInitializer(name: string, spec: VarianceScalingSpec): Initializer {
  return {
    name,
    init(shape, context) {
      if (sizeOf(shape) === 0) return tf.zeros([...shape]);
      try {
        return varianceScalingTensor(context.random, shape, spec);
      } catch (error) {
        if (!(error instanceof ShapeError)) throw error;
        const target = context.name ? ` for "${context.name}"` : '';
        throw new ShapeError(`initializer "${name}"${target}: ${error.message}`);
      }
    },
  };
}

/**
 * varianceScaling: values with variance scale / n, where n is the fan `mode` selects:
 * fanIn, fanOut, fanAvg = (fanIn + fanOut)/2 or fanGeoAvg = √(fanIn·fanOut). With
 * σ = √(scale/n):
 *
 * - `truncatedNormal` (default): N(0, (σ/0.87962566)²) truncated to ±2 of its std, whose
 *   variance is exactly σ² (Keras, JAX; tfjs omits the correction and is 23% low, and its
 *   `truncatedNormal` distribution silently samples a uniform),
 * - `normal`: N(0, σ²) (Keras's "untruncated_normal"),
 * - `uniform`: U(−√3·σ, √3·σ).
 *
 * Defaults are Keras's `VarianceScaling(scale=1, mode="fan_in", distribution="truncated_normal")`.
 * Every other scheme of the family is a special case: glorot = (1, fanAvg), he = (2, fanIn),
 * lecun = (1, fanIn). Keras's truncated `HeNormal` is `{ scale: 2, mode: 'fanIn' }` and its
 * `GlorotNormal` is `{ mode: 'fanAvg' }`. Fans: see `computeFans`.
 */
export const varianceScaling = defineInitializer({
  description:
    'Variance scale/n with n = fanIn, fanOut, fanAvg or fanGeoAvg; truncated normal (corrected), normal or uniform',
  options: {
    scale: option.number({
      description: 'Target variance times the fan (2 for ReLU)',
      default: 1,
      min: 0,
    }),
    mode: option.enum(['fanIn', 'fanOut', 'fanAvg', 'fanGeoAvg'], {
      description: 'Which fan divides the scale',
      default: 'fanIn',
    }),
    distribution: option.enum(['truncatedNormal', 'normal', 'uniform'], {
      description: 'truncatedNormal (±2σ, std corrected by 1/0.8796), normal, or uniform',
      default: 'truncatedNormal',
    }),
    ...fanOptions,
  },
  metadata: { random: true, distribution: 'truncatedNormal (default), normal or uniform' },
  create: (options, { name }) => varianceScalingInitializer(name, options),
});
