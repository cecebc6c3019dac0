import { describe, expect, it } from 'vitest';
import { draw, expectMatchesReference, registry, schemeCases } from '../test/helpers.js';

describe('lecunNormal, lecunUniform', () => {
  // PyTorch has no LeCun initializer; its documented equivalent is kaiming_*_(w, nonlinearity='linear'):
  // std = 1/√fan_in. Keras: LecunUniform = VarianceScaling(1, "fan_in", "uniform");
  // LecunNormal = VarianceScaling(1, "fan_in", "truncated_normal") (ours: varianceScaling()).
  it.each(schemeCases('lecunNormal', 'lecunUniform'))('matches $reference', (entry) =>
    expectMatchesReference(entry),
  );

  it('accepts explicit fans', () => {
    const values = draw({ type: 'lecunUniform', fanIn: 4 }, [10, 10]);
    for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(Math.fround(Math.sqrt(3 / 4)));
    expect(Math.max(...values)).toBeGreaterThan(Math.sqrt(3 / 10));
  });

  it('takes no other option', () => {
    expect(() => registry.initializer('lecunNormal', { gain: 2 } as never)).toThrow(
      'initializer "lecunNormal": unknown option "gain". Known options: fanIn, fanOut, inAxes, outAxes, batchAxes',
    );
  });
});
