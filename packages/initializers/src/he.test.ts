import { InvalidOptionError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import {
  draw,
  expectMatchesReference,
  expectSampleOf,
  registry,
  schemeCases,
} from '../test/helpers.js';
import { uniformDistribution } from './stats.js';

describe('heNormal, heUniform (kaimingNormal, kaimingUniform)', () => {
  // PyTorch: kaiming_normal_(w, a, mode, nonlinearity) = N(0, (gain/√fan)²), untruncated;
  //          kaiming_uniform_ = U(±gain·√(3/fan)); gain = calculate_gain(nonlinearity, a),
  //          √(2/(1 + a²)) for the default 'leaky_relu'.
  // Keras:   HeUniform = VarianceScaling(2, "fan_in", "uniform") (ours with a = 0);
  //          HeNormal = VarianceScaling(2, "fan_in", "truncated_normal") (ours: varianceScaling).
  it.each(schemeCases('heNormal', 'heUniform', 'kaimingNormal', 'kaimingUniform'))(
    'matches $reference',
    (entry) => expectMatchesReference(entry),
  );

  it("reproduces PyTorch's nn.Linear default, U(±1/√fanIn), with negativeSlope √5", () => {
    const values = draw({ type: 'heUniform', negativeSlope: Math.sqrt(5) }, [100, 30]);
    for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(Math.fround(0.1));
  });

  it("reproduces PyTorch's nn.Linear bias, U(±1/√fanIn), given the kernel's fanIn", () => {
    const values = draw({ type: 'heUniform', negativeSlope: Math.sqrt(5), fanIn: 784 }, [200_000]);
    expectSampleOf(values, uniformDistribution(-1 / 28, 1 / 28));
    expect(() => draw({ type: 'heUniform', mode: 'fanOut', fanIn: 784 }, [10])).toThrow(
      'initializer "heUniform" for "kernel": cannot compute fans of a rank-1 shape [10]',
    );
  });

  it('takes the gain from nonlinearity, and refuses a slope given twice', () => {
    const tanh = draw({ type: 'heNormal', nonlinearity: 'tanh' }, [30, 20], 5);
    const scaled = draw(
      { type: 'varianceScaling', scale: 25 / 9, distribution: 'normal' },
      [30, 20],
      5,
    );
    // gain 5/3: the same draws as variance scaling with scale (5/3)²
    for (const [i, v] of tanh.entries()) expect(v).toBeCloseTo(scaled[i]!, 7);
    const create = () =>
      registry.initializer('heNormal', {
        nonlinearity: { type: 'leakyRelu', alpha: 0.1 },
        negativeSlope: 0.1,
      });
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow(
      'initializer "heNormal": option "negativeSlope" must be left out when "nonlinearity" is given',
    );
    expect(() => registry.initializer('heNormal', { nonlinearity: 'rellu' })).toThrow(
      'unknown activation "rellu"',
    );
    expect(() => registry.initializer('heNormal', { nonlinearity: 3 as never })).toThrow(
      'option "nonlinearity" must be an activation name or { "type": name, ...options }, got 3',
    );
  });

  it('accepts fanIn and fanOut modes only, as PyTorch', () => {
    expect(() => registry.initializer('heUniform', { mode: 'fanAvg' as never })).toThrow(
      'initializer "heUniform": option "mode" must be one of "fanIn", "fanOut", got "fanAvg"',
    );
  });

  it('resolves the aliases', () => {
    expect(registry.canonicalName('initializer', 'kaimingNormal')).toBe('heNormal');
    expect(registry.canonicalName('initializer', 'kaimingUniform')).toBe('heUniform');
  });
});
