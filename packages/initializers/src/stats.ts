/**
 * Statistics for testing random number generators and initializers: the error function, the
 * normal, uniform and truncated normal distributions (CDF and moments), sample moments with
 * confidence bounds, and the one-sample Kolmogorov–Smirnov test. Everything is computed in
 * float64 in plain JavaScript, so the results do not depend on the tfjs backend.
 *
 * ```ts
 * const dist = normalDistribution(0, 0.05);
 * ksTest(values, dist.cdf).rejected; // false when values look like N(0, 0.05²)
 * momentTest(values, dist).passed;   // mean and variance within 5 standard errors
 * ```
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2 / sqrt(pi)
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1 / sqrt(pi)
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327; // 1 / sqrt(2 pi)
const SQRT_TWO = Math.SQRT2;

/** Below this |x| erf uses its power series; above it erfc uses its continued fraction. */
const SERIES_LIMIT = 2.5;

/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, accurate to about 1e-15.
 * Uses the series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (all terms
 * positive, so no cancellation) for |x| < 2.5 and 1 − erfc(x) beyond.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax >= SERIES_LIMIT) return Math.sign(x) * (1 - erfcContinuedFraction(ax));
  const twoXSquared = 2 * ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 200; n++) {
    term *= twoXSquared / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.sign(x) * TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), accurate in relative terms far
 * into the upper tail (erfc(10) ≈ 2.09e-45), where 1 − erf(x) would round to 0: relative
 * error below 1e-14 for x ≥ 2.5 (continued fraction) and below 2e-12 under it (1 − erf).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= SERIES_LIMIT) return erfcContinuedFraction(x);
  return 1 - erf(x);
}

/**
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x ≥ 2.5,
 * evaluated with the modified Lentz algorithm.
 */
function erfcContinuedFraction(x: number): number {
  if (x > 27) return 0; // e^(-729) underflows
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** The density of N(mean, std²) at x. */
export function normalPdf(x: number, mean = 0, std = 1): number {
  const z = (x - mean) / std;
  return (ONE_OVER_SQRT_TWO_PI / std) * Math.exp(-0.5 * z * z);
}

/**
 * The CDF of N(mean, std²): Φ(z) = erfc(−z/√2)/2 with z = (x − mean)/std. Written with erfc
 * so that the lower tail keeps its relative precision (Φ(−10) ≈ 7.62e-24).
 */
export function normalCdf(x: number, mean = 0, std = 1): number {
  return 0.5 * erfc(-(x - mean) / (std * SQRT_TWO));
}

/**
 * The standard deviation of a unit normal truncated to [−bound, bound]:
 * √(1 − 2·bound·φ(bound) / (2Φ(bound) − 1)). At bound 2 it is 0.87962566103423978, the
 * constant Keras and JAX divide by so that a truncated normal initializer has the variance
 * its formula promises (tfjs does not, and starts 23% low in variance).
 */
export function truncatedNormalStd(bound: number): number {
  return Math.sqrt(truncatedStandardMoments(bound).second);
}

/** Second and fourth moments of a unit normal truncated to [−bound, bound] (its mean is 0). */
function truncatedStandardMoments(bound: number): { second: number; fourth: number } {
  if (bound < 1) {
    // The closed form below cancels for small bounds (E[X⁴] ≈ b⁴/5 is a difference of
    // terms of order b²); integrate the power series of e^(−t²/2) instead.
    const i0 = halfMoment(0, bound);
    return { second: halfMoment(2, bound) / i0, fourth: halfMoment(4, bound) / i0 };
  }
  const mass = erf(bound / SQRT_TWO); // 2Φ(b) − 1
  const edge = (2 * normalPdf(bound)) / mass;
  // E[X^k] = (k−1) E[X^(k−2)] − (b^(k−1) φ(b) − (−b)^(k−1) φ(−b)) / Z
  const second = 1 - bound * edge;
  const fourth = 3 * second - bound ** 3 * edge;
  return { second, fourth };
}

/** ∫₀ᵇ t^k e^(−t²/2) dt = Σ_j (−1/2)^j / j! · b^(k+2j+1) / (k+2j+1), for b < 1. */
function halfMoment(k: number, bound: number): number {
  let power = bound ** (k + 1); // (−b²/2)^j / j! · b^(k+1)
  let sum = 0;
  for (let j = 0; j < 60; j++) {
    const term = power / (k + 2 * j + 1);
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
    power *= (-bound * bound) / (2 * (j + 1));
  }
  return sum;
}

/**
 * A distribution as the tests need it: its CDF (for the Kolmogorov–Smirnov test) and its
 * first four central moments (for confidence bounds on the sample mean and variance).
 */
export interface Distribution {
  readonly name: string;
  readonly mean: number;
  readonly variance: number;
  /** E[(X − mean)⁴], which sets the sampling variance of the sample variance. */
  readonly fourthCentralMoment: number;
  /** Smallest and largest possible values (±Infinity when unbounded). */
  readonly support: readonly [number, number];
  cdf(x: number): number;
}

/** N(mean, std²). */
export function normalDistribution(mean: number, std: number): Distribution {
  return {
    name: `normal(${mean}, ${std})`,
    mean,
    variance: std * std,
    fourthCentralMoment: 3 * std ** 4,
    support: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
    cdf: (x) => normalCdf(x, mean, std),
  };
}

/** U(min, max). */
export function uniformDistribution(min: number, max: number): Distribution {
  const width = max - min;
  return {
    name: `uniform(${min}, ${max})`,
    mean: (min + max) / 2,
    variance: (width * width) / 12,
    fourthCentralMoment: width ** 4 / 80,
    support: [min, max],
    cdf: (x) => (x <= min ? 0 : x >= max ? 1 : (x - min) / width),
  };
}

/**
 * N(mean, std²) conditioned on |x − mean| ≤ bound·std. `std` is the standard deviation of
 * the underlying normal (as PyTorch's `trunc_normal_`); the truncated distribution's own
 * standard deviation is std · truncatedNormalStd(bound).
 */
export function truncatedNormalDistribution(
  mean: number,
  std: number,
  bound: number,
): Distribution {
  const { second, fourth } = truncatedStandardMoments(bound);
  const low = normalCdf(-bound);
  const mass = 1 - 2 * low;
  const lower = mean - bound * std;
  const upper = mean + bound * std;
  return {
    name: `truncatedNormal(${mean}, ${std}, ±${bound}σ)`,
    mean,
    variance: std * std * second,
    fourthCentralMoment: std ** 4 * fourth,
    support: [lower, upper],
    cdf: (x) => (x <= lower ? 0 : x >= upper ? 1 : (normalCdf((x - mean) / std) - low) / mass),
  };
}

/** Mean, biased variance (divided by n), minimum and maximum, computed in float64. */
export interface SampleMoments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
}

export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  const n = values.length;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  return { n, mean, variance: squares / n, min, max };
}

/** The outcome of {@link momentTest}. */
export interface MomentTestResult extends SampleMoments {
  readonly expectedMean: number;
  readonly expectedVariance: number;
  /** sigmas · √(variance / n): the allowed |sample mean − mean|. */
  readonly meanTolerance: number;
  /** sigmas · √((μ₄ − σ⁴) / n): the allowed |sample variance − variance|. */
  readonly varianceTolerance: number;
  readonly passed: boolean;
}

/**
 * Checks a sample's mean and variance against a distribution within `sigmas` standard
 * errors of their sampling distributions (central limit theorem):
 * sd(sample mean) = √(σ²/n) and sd(sample variance) ≈ √((μ₄ − σ⁴)/n), where μ₄ is the
 * fourth central moment (3σ⁴ for a normal, 9σ⁴/5 for a uniform). At 5 sigmas an
 * implementation that is right fails with probability below 1e-6 per check.
 */
export function momentTest(
  values: ArrayLike<number>,
  expected: Pick<Distribution, 'mean' | 'variance' | 'fourthCentralMoment'>,
  sigmas = 5,
): MomentTestResult {
  const moments = sampleMoments(values);
  const n = moments.n;
  const meanTolerance = sigmas * Math.sqrt(expected.variance / n);
  const varianceTolerance =
    sigmas * Math.sqrt((expected.fourthCentralMoment - expected.variance ** 2) / n);
  const passed =
    Math.abs(moments.mean - expected.mean) <= meanTolerance &&
    Math.abs(moments.variance - expected.variance) <= varianceTolerance;
  return {
    ...moments,
    expectedMean: expected.mean,
    expectedVariance: expected.variance,
    meanTolerance,
    varianceTolerance,
    passed,
  };
}

/**
 * The survival function of the Kolmogorov distribution,
 * Q(λ) = P(K > λ) = 2 Σ_{k≥1} (−1)^(k−1) e^(−2k²λ²). For small λ, where that series
 * converges slowly, it uses 1 − √(2π)/λ · Σ_{k≥1} e^(−(2k−1)²π²/(8λ²)).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const factor = (-Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; k < 50; k++) {
      const term = Math.exp(factor * (2 * k - 1) ** 2);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Stephens' (1970) finite-sample scaling: √n + 0.12 + 0.11/√n. */
function effectiveRootN(n: number): number {
  const root = Math.sqrt(n);
  return root + 0.12 + 0.11 / root;
}

/**
 * The Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of a sample against a continuous
 * CDF. The sample is copied and sorted; it is not modified.
 */
export function ksStatistic(values: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const n = sorted.length;
  let statistic = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > statistic) statistic = above;
    if (below > statistic) statistic = below;
  }
  return statistic;
}

/**
 * The p-value of a KS statistic for a sample of size n: Q((√n + 0.12 + 0.11/√n)·D), Stephens'
 * approximation, within about 0.005 of the exact distribution for n ≥ 5 at usual levels.
 */
export function ksPValue(statistic: number, n: number): number {
  return kolmogorovSurvival(effectiveRootN(n) * statistic);
}

/**
 * The critical value of D at level alpha for a sample of size n: the D above which the KS
 * test rejects. For large n it is about c(α)/√n with c(0.05) = 1.358, c(0.01) = 1.628,
 * c(0.001) = 1.949; for n = 200 000 and α = 0.001 that is 0.0044.
 */
export function ksCriticalValue(n: number, alpha = 0.001): number {
  // Q is decreasing: bisect Q(λ) = alpha on [0.1, 10].
  let low = 0.1;
  let high = 10;
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (kolmogorovSurvival(middle) > alpha) low = middle;
    else high = middle;
  }
  return (low + high) / 2 / effectiveRootN(n);
}

/** The outcome of {@link ksTest}. */
export interface KsTestResult {
  readonly n: number;
  readonly statistic: number;
  readonly pValue: number;
  readonly alpha: number;
  readonly criticalValue: number;
  /** Whether the sample is inconsistent with the CDF at level alpha (statistic > critical). */
  readonly rejected: boolean;
}

/**
 * One-sample Kolmogorov–Smirnov test of `values` against a continuous CDF at level `alpha`
 * (default 0.001). With n = 200 000 it detects a 3% error in a normal's standard deviation
 * (the critical D is 0.0044; a 3% scale error moves the CDF by up to 0.0072).
 */
export function ksTest(
  values: ArrayLike<number>,
  cdf: (x: number) => number,
  alpha = 0.001,
): KsTestResult {
  const n = values.length;
  const statistic = ksStatistic(values, cdf);
  const criticalValue = ksCriticalValue(n, alpha);
  return {
    n,
    statistic,
    pValue: ksPValue(statistic, n),
    alpha,
    criticalValue,
    rejected: statistic > criticalValue,
  };
}
