import { createRegistry } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import golden from '../fixtures/golden.json';
import { normalExpectation, secondMomentGain } from './gain.js';
import { activations } from './index.js';

const registry = createRegistry({ plugins: [activations] });

function gainOf(name: string, options: Record<string, unknown>): number {
  const resolved = registry.validate('activation', { type: name, ...options });
  return registry.info('activation', resolved.name).metadata!.gain(resolved.options);
}

describe('normalExpectation', () => {
  it('integrates moments of N(0, 1) exactly', () => {
    expect(normalExpectation(() => 1)).toBeCloseTo(1, 10);
    expect(normalExpectation((z) => z)).toBeCloseTo(0, 10);
    expect(normalExpectation((z) => z * z)).toBeCloseTo(1, 10);
    expect(normalExpectation((z) => z ** 4)).toBeCloseTo(3, 9);
  });
});

describe('secondMomentGain', () => {
  it("reproduces PyTorch's closed forms for relu and leaky relu (the criterion they come from)", () => {
    expect(secondMomentGain((z) => Math.max(z, 0), [0])).toBeCloseTo(Math.SQRT2, 9);
    expect(secondMomentGain((z) => (z > 0 ? z : 0.2 * z), [0])).toBeCloseTo(Math.sqrt(2 / 1.04), 9);
    expect(secondMomentGain((z) => z)).toBeCloseTo(1, 9);
  });
});

describe('gain metadata', () => {
  it.each(golden.gains.map((g) => [g.name, g.options, g.gain] as const))(
    '%s %j matches the float64 PyTorch computation of scripts/golden.py',
    (name, options, expected) => {
      expect(Math.abs(gainOf(name, options) - expected) / expected).toBeLessThan(1e-6);
    },
  );

  it.each(golden.calculateGain.map((g) => [g.name, g.options, g.gain] as const))(
    "%s %j is PyTorch's calculate_gain",
    (name, options, expected) => {
      expect(gainOf(name, options)).toBeCloseTo(expected, 12);
    },
  );

  it('is 1 for softmax and logSoftmax (output layers, as linear)', () => {
    expect(gainOf('softmax', {})).toBe(1);
    expect(gainOf('logSoftmax', {})).toBe(1);
  });
});
