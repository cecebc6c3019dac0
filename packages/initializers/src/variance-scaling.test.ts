import { Random, ShapeError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import {
  draw,
  expectMatchesReference,
  expectSampleOf,
  registry,
  schemeCases,
} from '../test/helpers.js';
import {
  ksTest,
  momentTest,
  normalDistribution,
  truncatedNormalDistribution,
  uniformDistribution,
} from './stats.js';
import { TRUNCATED_NORMAL_STD_AT_2, varianceScalingTensor } from './variance-scaling.js';

describe('varianceScaling', () => {
  // Keras 3 VarianceScaling (keras/src/initializers/random_initializers.py):
  //   truncated_normal: stddev = sqrt(scale / n) / 0.87962566103423978, redrawn beyond 2 stddev
  //   untruncated_normal: stddev = sqrt(scale / n); uniform: limit = sqrt(3 * scale / n)
  //   n = fan_in | fan_out | (fan_in + fan_out) / 2; JAX adds fan_geo_avg = sqrt(fan_in * fan_out).
  it.each(schemeCases('varianceScaling'))('matches $reference', (entry) => {
    // whatever the distribution, the variance is the promised scale / n
    expect(entry.expectedStd ** 2).toBeCloseTo(entry.variance!, 15);
    expectMatchesReference(entry);
  });

  it("corrects the truncated normal's std, unlike tfjs (whose variance is 23% low)", () => {
    // Keras's HeNormal on a [1000, 1000] kernel: variance 2/1000.
    const values = draw({ type: 'varianceScaling', scale: 2 }, [1000, 1000]);
    expect(
      momentTest(values, { mean: 0, variance: 2e-3, fourthCentralMoment: 3 * 4e-6 }).variance,
    ).toBeCloseTo(2e-3, 4);
    // tfjs samples TN(0, √(2/1000)) truncated at ±2 of that std: variance 1.55e-3.
    const tfjs = truncatedNormalDistribution(0, Math.sqrt(2e-3), 2);
    expect(tfjs.variance).toBeCloseTo(1.547e-3, 6);
    expect(ksTest(values, tfjs.cdf).rejected).toBe(true);
    expectSampleOf(
      values,
      truncatedNormalDistribution(0, Math.sqrt(2e-3) / TRUNCATED_NORMAL_STD_AT_2, 2),
    );
  });

  it('samples a truncated normal when asked (tfjs silently samples a uniform)', () => {
    const values = draw({ type: 'varianceScaling', distribution: 'truncatedNormal' }, [400, 500]);
    const limit = Math.sqrt(3 / 400);
    expect(ksTest(values, uniformDistribution(-limit, limit).cdf).rejected).toBe(true);
  });

  it('honours scale 0 (all zeros) and explicit fans', () => {
    expect(new Set(draw({ type: 'varianceScaling', scale: 0 }, [10, 10]))).toEqual(new Set([0]));
    // a bias given its kernel's fan-in: PyTorch's nn.Linear bias U(±1/√fanIn) is
    // uniform with variance 1/(3·fanIn)
    const bias = draw(
      { type: 'varianceScaling', scale: 1 / 3, distribution: 'uniform', fanIn: 784, fanOut: 1 },
      [200_000],
    );
    expectSampleOf(bias, uniformDistribution(-1 / Math.sqrt(784), 1 / Math.sqrt(784)));
  });

  it('uses explicit axes for unusual layouts', () => {
    // a transposed-convolution kernel [kh, kw, out, in] = [5, 5, 16, 64]: fanIn = 25·64
    const values = draw(
      { type: 'varianceScaling', distribution: 'normal', inAxes: [-1], outAxes: [-2] },
      [5, 5, 16, 64],
      3,
    );
    expect(values.length).toBe(25_600);
    expectSampleOf(values, normalDistribution(0, Math.sqrt(1 / (25 * 64))));
  });

  it('returns empty tensors for empty shapes and names the parameter when fans are missing', () => {
    expect(draw('varianceScaling', [0, 5])).toEqual(new Float32Array(0));
    const init = registry.initializer('varianceScaling');
    const random = new Random(0);
    expect(() => init.init([10], { random, name: 'layers.0.bias' })).toThrow(ShapeError);
    expect(() => init.init([10], { random, name: 'layers.0.bias' })).toThrow(
      'initializer "varianceScaling" for "layers.0.bias": cannot compute fans of a rank-1 shape [10]',
    );
  });

  it('validates its options', () => {
    expect(() => registry.initializer('varianceScaling', { scale: -1 })).toThrow(
      'initializer "varianceScaling": option "scale" must be a number >= 0, got -1',
    );
    expect(() => registry.initializer('varianceScaling', { mode: 'fan_in' as never })).toThrow(
      'option "mode" must be one of "fanIn", "fanOut", "fanAvg", "fanGeoAvg", got "fan_in"',
    );
    expect(() =>
      registry.initializer('varianceScaling', { distribution: 'truncated_normal' as never }),
    ).toThrow('option "distribution" must be one of "truncatedNormal", "normal", "uniform"');
    expect(() => registry.initializer('varianceScaling', { fanIn: 0 })).toThrow(
      'option "fanIn" must be a number > 0, got 0',
    );
    expect(() => registry.initializer('varianceScaling', { inAxes: [0.5] })).toThrow(
      'option "inAxes[0]" must be an integer, got 0.5',
    );
  });

  it('draws the same values from the same stream', () => {
    const spec = { scale: 1, mode: 'fanIn', distribution: 'uniform' } as const;
    const a = varianceScalingTensor(new Random(4), [3, 5], spec);
    const b = varianceScalingTensor(new Random(4), [3, 5], spec);
    expect(a.dataSync()).toEqual(b.dataSync());
    a.dispose();
    b.dispose();
  });
});
