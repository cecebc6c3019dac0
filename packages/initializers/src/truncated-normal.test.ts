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
  normalDistribution,
  truncatedNormalDistribution,
  truncatedNormalStd,
} from './stats.js';

describe('truncatedNormal', () => {
  // PyTorch trunc_normal_(w, mean, std, a, b): std is the underlying normal's, bounds absolute.
  // Ours: the same distribution with a = mean − bound·std, b = mean + bound·std.
  it.each(schemeCases('truncatedNormal'))('matches $reference', (entry) =>
    expectMatchesReference(entry),
  );

  it("has std of the underlying normal: the result's std is std·0.8796 at bound 2", () => {
    const values = draw({ type: 'truncatedNormal', std: 0.05 }, [400, 500]);
    expectSampleOf(values, truncatedNormalDistribution(0, 0.05, 2));
    // it is not an untruncated normal of either std
    expect(ksTest(values, normalDistribution(0, 0.05).cdf).rejected).toBe(true);
    expect(ksTest(values, normalDistribution(0, 0.05 * truncatedNormalStd(2)).cdf).rejected).toBe(
      true,
    );
  });

  it('samples tight bounds exactly (uniform proposal) and wide ones (normal proposal)', () => {
    for (const bound of [0.01, 0.3, 1, 3.5]) {
      const values = draw({ type: 'truncatedNormal', mean: -1, std: 2, bound }, [400, 500]);
      expectSampleOf(values, truncatedNormalDistribution(-1, 2, bound));
    }
  });

  it('honours std 0', () => {
    expect([...draw({ type: 'truncatedNormal', mean: 3, std: 0 }, [4])]).toEqual([3, 3, 3, 3]);
  });

  it('rejects a bound <= 0 and a negative std', () => {
    expect(() => registry.initializer('truncatedNormal', { bound: 0 })).toThrow(
      'initializer "truncatedNormal": option "bound" must be a number > 0, got 0',
    );
    expect(() => registry.initializer('truncatedNormal', { std: -0.1 })).toThrow(
      'option "std" must be a number >= 0, got -0.1',
    );
  });
});
