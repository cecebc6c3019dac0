import { describe, expect, it } from 'vitest';
import { uniform } from './uniform.js';

describe('uniform', () => {
  it('maps u linearly onto [low, high]', () => {
    const d = uniform(-1, 3);
    expect(d.fromUnit(0)).toBe(-1);
    expect(d.fromUnit(0.25)).toBe(0);
    expect(d.fromUnit(1)).toBe(3);
    expect(d.position(1)).toBe(0.5);
  });

  it('rejects u outside [0, 1] (a sampler bug, not a user error)', () => {
    expect(() => uniform(0, 1).fromUnit(1.5)).toThrow(/\[0, 1\]/);
    expect(() => uniform(0, 1).fromUnit(Number.NaN)).toThrow(/\[0, 1\]/);
  });

  it('gives grid points on both ends', () => {
    expect(uniform(0, 1).gridUnits(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(uniform(0, 1).gridUnits(1)).toEqual([0.5]);
  });

  it('checks bounds', () => {
    expect(() => uniform(1, 0)).toThrow(/uniform\(1, 0\): low must be less than high/);
    expect(() => uniform(0, Number.POSITIVE_INFINITY)).toThrow(/high must be a finite number/);
    expect(uniform(0, 1).contains(0.5)).toBe(true);
    expect(uniform(0, 1).contains(1.5)).toBe(false);
  });
});
