/** Result of a Kolmogorov–Smirnov test. */
export interface KsResult {
  /** The statistic D = sup |F_n(x) - F(x)|. */
  readonly statistic: number;
  /** Asymptotic p-value, P(D >= statistic) under the null hypothesis. */
  readonly pValue: number;
  readonly n: number;
}

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = 2 Σ_{k>=1} (-1)^{k-1} e^{-2k²λ²},
 * the asymptotic P(√n D > λ).
 */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * One-sample Kolmogorov–Smirnov test of `samples` against a continuous CDF (default: the
 * uniform distribution on [0, 1]). The p-value uses the asymptotic distribution with
 * Stephens' small-sample correction λ = (√n + 0.12 + 0.11/√n) D, accurate to a few percent
 * for n >= 5; enough to check a sampler, not a replacement for an exact test.
 */
export function ksTest(
  samples: readonly number[],
  cdf: (x: number) => number = (x) => Math.min(1, Math.max(0, x)),
): KsResult {
  const n = samples.length;
  if (n === 0) return { statistic: 0, pValue: 1, n };
  const sorted = [...samples].sort((a, b) => a - b);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  const root = Math.sqrt(n);
  return { statistic: d, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * d), n };
}
