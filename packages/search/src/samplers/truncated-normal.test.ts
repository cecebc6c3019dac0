import { describe, expect, it } from 'vitest';
import {
  erfc,
  logNormalMass,
  normalCdf,
  normalQuantile,
  truncatedNormalFromUnit,
} from './truncated-normal.js';

describe('truncated normal', () => {
  it('matches tabulated values of erfc, Φ and Φ⁻¹', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 7);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 6);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.8, 0.999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 5);
    }
  });

  it('keeps the log mass of far tails finite and accurate', () => {
    // log Q(30) = -454.3212 (asymptotic series); [30, 31] holds nearly all of it.
    expect(logNormalMass(30, 31)).toBeCloseTo(-454.3212, 2);
    expect(logNormalMass(-31, -30)).toBeCloseTo(-454.3212, 2);
    expect(Math.exp(logNormalMass(-1.96, 1.96))).toBeCloseTo(0.95, 3);
    expect(logNormalMass(1, 1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('draws inside the truncation with the truncated distribution', () => {
    const draws = Array.from({ length: 2000 }, (_, i) =>
      truncatedNormalFromUnit((i + 0.5) / 2000, -0.5, 2),
    );
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...draws)).toBeLessThanOrEqual(2);
    // Mean of N(0,1) truncated to [a, b]: (φ(a) − φ(b)) / (Φ(b) − Φ(a)).
    const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const mean = (phi(-0.5) - phi(2)) / (normalCdf(2) - normalCdf(-0.5));
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(mean, 3);
    expect(truncatedNormalFromUnit(0.5, 3, 4)).toBeGreaterThan(3);
  });
});
