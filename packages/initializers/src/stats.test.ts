import { Random } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import golden from '../fixtures/stats.json' with { type: 'json' };
import {
  erf,
  erfc,
  kolmogorovSurvival,
  ksCriticalValue,
  ksPValue,
  ksStatistic,
  ksTest,
  momentTest,
  normalCdf,
  normalDistribution,
  normalPdf,
  sampleMoments,
  truncatedNormalDistribution,
  truncatedNormalStd,
  uniformDistribution,
} from './stats.js';

/** |actual − expected| ≤ rtol·|expected| (for values spanning many orders of magnitude). */
function expectRelative(actual: number, expected: number, rtol: number) {
  if (expected === 0) expect(Math.abs(actual)).toBeLessThan(1e-300);
  else expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

describe('erf and erfc (against mpmath at 50 digits)', () => {
  it.each(golden.erf)('erf(%d)', (x, expectedErf, expectedErfc) => {
    // within 2 ulp of 1
    expect(Math.abs(erf(x) - expectedErf)).toBeLessThanOrEqual(4.5e-16);
    // erfc keeps relative precision in the upper tail, where 1 − erf rounds to 0
    expectRelative(erfc(x), expectedErfc, x < 2.5 ? 2e-12 : 1e-14);
  });

  it('is odd and handles NaN', () => {
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('normal distribution', () => {
  it.each(golden.normalCdf)('Φ(%d) matches mpmath.ncdf, tails included', (x, expected) => {
    // relative, down to Φ(−37) ≈ 5.7e-300
    expectRelative(normalCdf(x), expected, 5e-13);
  });

  it('standardizes with mean and std, and integrates its pdf', () => {
    expect(normalCdf(3, 1, 2)).toBeCloseTo(normalCdf(1), 15);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    // the derivative of the CDF is the pdf
    const h = 1e-5;
    expect((normalCdf(0.3 + h, 1, 2) - normalCdf(0.3 - h, 1, 2)) / (2 * h)).toBeCloseTo(
      normalPdf(0.3, 1, 2),
      9,
    );
  });
});

describe('truncated normal distribution (moments integrated numerically by mpmath)', () => {
  it('gives the Keras/JAX correction constant at ±2', () => {
    expect(truncatedNormalStd(2)).toBeCloseTo(0.87962566103423978, 15);
  });

  it.each(golden.truncatedNormal)('bound $bound: std, fourth moment and CDF', (entry) => {
    expectRelative(truncatedNormalStd(entry.bound), entry.std, 1e-13);
    const dist = truncatedNormalDistribution(0, 1, entry.bound);
    expectRelative(dist.variance, entry.secondMoment, 1e-13);
    expectRelative(dist.fourthCentralMoment, entry.fourthMoment, 1e-13);
    for (const [x, expected] of entry.cdf) expect(dist.cdf(x!)).toBeCloseTo(expected!, 12);
  });

  it('scales with the underlying std and shifts with the mean', () => {
    const dist = truncatedNormalDistribution(0.5, 3, 2);
    expect(dist.support).toEqual([-5.5, 6.5]);
    expect(dist.variance).toBeCloseTo(9 * truncatedNormalStd(2) ** 2, 12);
    expect(dist.cdf(0.5)).toBeCloseTo(0.5, 14);
    expect(dist.cdf(-6)).toBe(0);
    expect(dist.cdf(7)).toBe(1);
  });
});

describe('uniform distribution', () => {
  it('has the textbook moments and CDF', () => {
    const dist = uniformDistribution(-1, 3);
    expect(dist.mean).toBe(1);
    expect(dist.variance).toBeCloseTo(16 / 12, 15);
    expect(dist.fourthCentralMoment).toBeCloseTo(256 / 80, 15);
    expect([dist.cdf(-2), dist.cdf(0), dist.cdf(3)]).toEqual([0, 0.25, 1]);
  });
});

describe('Kolmogorov distribution and the KS test', () => {
  it.each(golden.kolmogorovSurvival)('Q(%d) matches the series summed by mpmath', (x, expected) => {
    expect(Math.abs(kolmogorovSurvival(x) - expected)).toBeLessThan(1e-14);
  });

  it('has the asymptotic critical values of the tables', () => {
    // c(α) = Q⁻¹(α): 1.3581 (0.05), 1.6276 (0.01), 1.9495 (0.001)
    const big = 1e12;
    expect(ksCriticalValue(big, 0.05) * Math.sqrt(big)).toBeCloseTo(1.3581, 4);
    expect(ksCriticalValue(big, 0.01) * Math.sqrt(big)).toBeCloseTo(1.6276, 4);
    expect(ksCriticalValue(big, 0.001) * Math.sqrt(big)).toBeCloseTo(1.9495, 4);
  });

  it('is within 0.005 of the exact small-sample critical values (Massey 1951, Table 1)', () => {
    const table: [n: number, alpha: number, critical: number][] = [
      [10, 0.05, 0.41],
      [10, 0.01, 0.49],
      [20, 0.05, 0.294],
      [20, 0.01, 0.356],
      [30, 0.05, 0.242],
      [30, 0.01, 0.29],
    ];
    for (const [n, alpha, critical] of table) {
      expect(Math.abs(ksCriticalValue(n, alpha) - critical)).toBeLessThan(0.005);
    }
  });

  it('computes the statistic numpy/mpmath compute for a fixed sample', () => {
    const sample = golden.ks.sample;
    expect(ksStatistic(sample, (x) => normalCdf(x))).toBeCloseTo(
      golden.ks.statisticStandardNormal,
      14,
    );
    expect(ksStatistic(sample, (x) => normalCdf(x, 0, 1.1))).toBeCloseTo(
      golden.ks['statisticNormalStd1.1'],
      14,
    );
    // it does not sort the caller's array
    expect(sample[0]).toBe(golden.ks.sample[0]);
  });

  it('accepts samples from the right distribution and rejects the wrong ones', () => {
    const random = new Random(11);
    const n = 200_000;
    const normal = random.fill(n, () => random.normal());
    const right = ksTest(normal, normalDistribution(0, 1).cdf);
    expect(right.rejected).toBe(false);
    expect(right.pValue).toBeGreaterThan(0.001);
    expect(right.criticalValue).toBeCloseTo(1.9495 / Math.sqrt(n), 5);
    // a 3% error in the standard deviation is detected at n = 200 000
    expect(ksTest(normal, normalDistribution(0, 1.03).cdf).rejected).toBe(true);
    // tfjs's uncorrected truncated normal: std 0.88 where 1 was promised
    const truncated = random.fill(n, () => random.truncatedNormal(2));
    expect(ksTest(truncated, truncatedNormalDistribution(0, 1, 2).cdf).rejected).toBe(false);
    expect(ksTest(truncated, normalDistribution(0, truncatedNormalStd(2)).cdf).rejected).toBe(true);
    const uniform = random.fill(n, () => random.uniform());
    expect(ksTest(uniform, uniformDistribution(0, 1).cdf).rejected).toBe(false);
    expect(ksTest(uniform, uniformDistribution(0, 1.01).cdf).rejected).toBe(true);
  });

  it('reports p-values consistent with the statistic', () => {
    expect(ksPValue(0, 100)).toBe(1);
    expect(ksPValue(ksCriticalValue(100, 0.01), 100)).toBeCloseTo(0.01, 10);
  });
});

describe('moment test', () => {
  it('computes sample moments in float64', () => {
    expect(sampleMoments([1, 2, 3, 4])).toEqual({
      n: 4,
      mean: 2.5,
      variance: 1.25,
      min: 1,
      max: 4,
    });
  });

  it('bounds the mean and variance by 5 standard errors of their sampling distributions', () => {
    const random = new Random(5);
    const n = 200_000;
    const values = random.fill(n, () => 2 + 0.5 * random.normal());
    const result = momentTest(values, normalDistribution(2, 0.5));
    expect(result.passed).toBe(true);
    expect(result.meanTolerance).toBeCloseTo(5 * Math.sqrt(0.25 / n), 15);
    // sd of the sample variance of a normal: σ²·√(2/n)
    expect(result.varianceTolerance).toBeCloseTo(5 * 0.25 * Math.sqrt(2 / n), 15);
    // 5 sigmas of the sample variance is 1.6% of σ² at this n: a 3% error is caught
    expect(momentTest(values, normalDistribution(2, 0.5 * Math.sqrt(1.03))).passed).toBe(false);
    expect(momentTest(values, normalDistribution(2.01, 0.5)).passed).toBe(false);
  });
});
