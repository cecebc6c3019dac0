import { describe, expect, it } from 'vitest';
import {
  draw,
  expectMatchesReference,
  expectSampleOf,
  registry,
  schemeCases,
} from '../test/helpers.js';
import { normalDistribution } from './stats.js';

describe('normal', () => {
  it.each(schemeCases('normal'))('matches $reference', (entry) => expectMatchesReference(entry));

  it("defaults to PyTorch's N(0, 1)", () => {
    expectSampleOf(draw('normal', [400, 500]), normalDistribution(0, 1));
  });

  it('is the classic 0.01 * randn with { std: 0.01 }', () => {
    expectSampleOf(draw({ type: 'normal', std: 0.01 }, [400, 500]), normalDistribution(0, 0.01));
  });

  it('honours std 0: every value is the mean (tfjs would use its default 0.05)', () => {
    expect([...draw({ type: 'normal', mean: 0.25, std: 0 }, [3, 4])]).toEqual(Array(12).fill(0.25));
    expect([...draw({ type: 'normal', std: 0 }, [5])]).toEqual([0, 0, 0, 0, 0]);
  });

  it('is reproducible per seed and differs between seeds', () => {
    const a = draw('normal', [20, 30], 7);
    expect(draw('normal', [20, 30], 7)).toEqual(a);
    expect(draw('normal', [20, 30], 8)).not.toEqual(a);
  });

  it('rejects a negative std in one line', () => {
    expect(() => registry.initializer('normal', { std: -1 })).toThrow(
      'initializer "normal": option "std" must be a number >= 0, got -1',
    );
  });
});
