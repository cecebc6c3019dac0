import { describe, expect, it } from 'vitest';
import { logUniform } from './log-uniform.js';
import { pow10 } from './pow10.js';
import { parseDistribution } from './space.js';

describe('pow10', () => {
  it('is 10 ** uniform(low, high): exponents in, values out', () => {
    const d = pow10(-6, -2);
    expect(d.fromUnit(0)).toBe(1e-6);
    expect(d.fromUnit(0.5)).toBeCloseTo(1e-4, 18);
    expect(d.fromUnit(1)).toBe(0.01);
    expect(d.min).toBe(1e-6);
    expect(d.max).toBe(0.01);
  });

  it('is the same distribution as logUniform over 10^low..10^high', () => {
    const a = pow10(-6, -2);
    const b = logUniform(1e-6, 1e-2);
    for (let i = 0; i <= 100; i++) {
      const u = i / 100;
      expect(Math.abs(a.fromUnit(u) / b.fromUnit(u) - 1)).toBeLessThan(1e-12);
    }
  });

  it('accepts negative and fractional exponents and rejects an empty range', () => {
    expect(pow10(-8.5, -3).fromUnit(0)).toBeCloseTo(10 ** -8.5, 20);
    expect(() => pow10(-2, -6)).toThrow(/low must be less than high/);
    expect(() => pow10(-2, -2)).toThrow(/range is empty/);
  });

  it('stays in exponents in JSON and when refined', () => {
    const d = pow10(-6, -2);
    expect(d.toJSON()).toEqual({ type: 'pow10', low: -6, high: -2 });
    expect(parseDistribution(d.toJSON()).toString()).toBe('pow10(-6, -2)');
    const narrower = d.withBounds(1e-5, 1e-3);
    expect(narrower.toJSON()).toEqual({ type: 'pow10', low: -5, high: -3 });
  });
});
