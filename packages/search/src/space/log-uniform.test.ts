import { describe, expect, it } from 'vitest';
import { InvalidSpaceError } from '../errors.js';
import { randomUnit } from '../samplers/random.js';
import { ksTest } from '../stats/ks.js';
import { logUniform } from './log-uniform.js';
import { parseDistribution } from './space.js';
import { uniform } from './uniform.js';

const SAMPLES = 4000;
const units = Array.from({ length: SAMPLES }, (_, k) => randomUnit(11, k, 'learningRate'));

describe('logUniform', () => {
  it('takes values: log10 of its samples is uniform on [log10 low, log10 high] (KS test)', () => {
    const d = logUniform(1e-6, 1e-2);
    const exponents = units.map((u) => (Math.log10(d.fromUnit(u)) + 6) / 4);
    const result = ksTest(exponents);
    expect(result.pValue).toBeGreaterThan(0.01);
    expect(result.statistic).toBeLessThan(1.63 / Math.sqrt(SAMPLES));
  });

  it('the KS check has power: linear-uniform samples of the same range fail it', () => {
    const linear = uniform(1e-6, 1e-2);
    const exponents = units.map((u) => (Math.log10(linear.fromUnit(u)) + 6) / 4);
    expect(ksTest(exponents).pValue).toBeLessThan(1e-6);
  });

  it('spends the same share of samples in every decade', () => {
    const d = logUniform(1e-6, 1e-2);
    const counts = [0, 0, 0, 0];
    for (const u of units) counts[Math.min(3, Math.floor(Math.log10(d.fromUnit(u)) + 6))]!++;
    for (const count of counts)
      expect(Math.abs(count - SAMPLES / 4)).toBeLessThan(4 * Math.sqrt((SAMPLES * 3) / 16));
  });

  it('stays within its bounds, ends included', () => {
    const d = logUniform(3e-5, 0.7);
    for (const u of [0, 1e-12, 0.5, 1 - 1e-16, 1, ...units.slice(0, 500)]) {
      const x = d.fromUnit(u);
      expect(x).toBeGreaterThanOrEqual(3e-5);
      expect(x).toBeLessThanOrEqual(0.7);
    }
    expect(d.fromUnit(0)).toBeCloseTo(3e-5, 15);
    expect(d.fromUnit(1)).toBe(0.7);
    expect(d.fromUnit(0.5)).toBeCloseTo(Math.sqrt(3e-5 * 0.7), 12);
  });

  it('rejects low <= 0 and tells the user about pow10', () => {
    expect(() => logUniform(-6, -2)).toThrow(InvalidSpaceError);
    expect(() => logUniform(-6, -2)).toThrow(
      /use pow10\(-6, -2\) for exponents, or uniform for ranges through 0/i,
    );
    expect(() => logUniform(0, 1)).toThrow(/low must be > 0/);
  });

  it('rejects an empty or reversed range', () => {
    expect(() => logUniform(1e-3, 1e-3)).toThrow(/range is empty/);
    expect(() => logUniform(1e-2, 1e-3)).toThrow(/low must be less than high/);
    expect(() => logUniform(Number.NaN, 1)).toThrow(/finite number/);
  });

  it('round-trips through JSON', () => {
    const d = logUniform(1e-6, 1e-2);
    expect(d.toJSON()).toEqual({ type: 'logUniform', low: 1e-6, high: 1e-2 });
    expect(JSON.parse(JSON.stringify(d))).toEqual({ type: 'logUniform', low: 1e-6, high: 1e-2 });
    const back = parseDistribution(JSON.parse(JSON.stringify(d)));
    expect(back.fromUnit(0.3)).toBe(d.fromUnit(0.3));
    expect(d.toString()).toBe('logUniform(1e-6, 0.01)');
  });

  it('measures positions in decades', () => {
    const d = logUniform(1e-6, 1e-2);
    expect(d.position(1e-4)).toBeCloseTo(0.5, 12);
    expect(d.position(1e-6)).toBeCloseTo(0, 12);
    expect(d.scale).toBe('log');
  });
});
