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

describe('uniform', () => {
  it.each(schemeCases('uniform'))('matches $reference', (entry) => expectMatchesReference(entry));

  it("defaults to PyTorch's U(0, 1)", () => {
    expectSampleOf(draw('uniform', [400, 500]), uniformDistribution(0, 1));
  });

  it('honours a zero bound (tfjs replaces minval 0 by -0.05)', () => {
    const values = draw({ type: 'uniform', min: 0, max: 0.05 }, [400, 500]);
    // (expectSampleOf also checks that every value lies in [0, 0.05])
    expectSampleOf(values, uniformDistribution(0, 0.05));
  });

  it('gives every value min when min equals max', () => {
    expect([...draw({ type: 'uniform', min: -2, max: -2 }, [2, 2])]).toEqual([-2, -2, -2, -2]);
  });

  it('rejects min > max', () => {
    const create = () => registry.initializer('uniform', { min: 1, max: 0.5 });
    expect(create).toThrow(InvalidOptionError);
    expect(create).toThrow('initializer "uniform": option "max" must be >= min (1), got 0.5');
  });
});
