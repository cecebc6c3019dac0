import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { logUniform } from '../space/log-uniform.js';
import { paramsFromUnits } from '../space/space.js';
import { grid } from './grid.js';

describe('grid sampler', () => {
  const space = { lr: logUniform(1e-4, 1e-1), act: categorical(['relu', 'tanh']) };

  it('enumerates every combination once, last parameter fastest, log-spaced on log scales', () => {
    const sampler = grid({ points: 4 });
    expect(sampler.capacity!(space)).toBe(8);
    const trials = Array.from({ length: 8 }, (_, number) =>
      paramsFromUnits(space, sampler.sample({ space, seed: 0, number })),
    );
    expect(trials.map((t) => t.act)).toEqual([
      'relu',
      'tanh',
      'relu',
      'tanh',
      'relu',
      'tanh',
      'relu',
      'tanh',
    ]);
    const rates = trials.filter((t) => t.act === 'relu').map((t) => t.lr);
    for (const [i, expected] of [1e-4, 1e-3, 1e-2, 1e-1].entries())
      expect(rates[i]! / expected).toBeCloseTo(1, 12);
    expect(new Set(trials.map((t) => `${t.lr}/${t.act}`)).size).toBe(8);
  });

  it('validates its options like a registry entry', () => {
    expect(() => grid({ points: 0 })).toThrow(
      /sampler "grid": option "points" must be an integer >= 1/,
    );
  });
});
