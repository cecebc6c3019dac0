import { normalPdfScalar } from './normal-cdf.js';

/**
 * Gains for activations PyTorch's `calculate_gain` does not cover.
 *
 * The criterion is the one behind PyTorch's relu and leaky relu gains (He et al. 2015, "Delving
 * Deep into Rectifiers", section 2.2, eqs. 8-10): a layer y = W f(x) with zero-mean weights of
 * variance gain^2 / fanIn keeps Var[y] = Var[x] = 1 when gain^2 E[f(Z)^2] = 1, Z ~ N(0, 1), so
 *
 *     gain = 1 / sqrt(E[f(Z)^2]).
 *
 * It gives sqrt 2 for relu and sqrt(2 / (1 + a^2)) for leaky relu exactly (tested), and is
 * computed here by Simpson's rule on [-16, 16], split at the function's kinks. scripts/golden.py
 * computes the same numbers independently with PyTorch in float64 (trapezoid rule, step 1e-5)
 * and the tests compare the two.
 */

const LIMIT = 16;
const STEPS_PER_SEGMENT = 2000;

/** E[g(Z)], Z ~ N(0, 1), by Simpson's rule split at `breakpoints` (where g has kinks). */
export function normalExpectation(
  g: (z: number) => number,
  breakpoints: readonly number[] = [],
): number {
  const edges = [-LIMIT, ...breakpoints.filter((b) => b > -LIMIT && b < LIMIT), LIMIT].sort(
    (a, b) => a - b,
  );
  let total = 0;
  for (let segment = 0; segment + 1 < edges.length; segment++) {
    const low = edges[segment]!;
    const high = edges[segment + 1]!;
    if (high <= low) continue;
    const h = (high - low) / STEPS_PER_SEGMENT;
    const integrand = (z: number) => g(z) * normalPdfScalar(z);
    let sum = integrand(low) + integrand(high);
    for (let i = 1; i < STEPS_PER_SEGMENT; i++)
      sum += (i % 2 === 1 ? 4 : 2) * integrand(low + i * h);
    total += (sum * h) / 3;
  }
  return total;
}

/** gain = 1 / sqrt(E[f(Z)^2]), Z ~ N(0, 1). */
export function secondMomentGain(
  f: (z: number) => number,
  breakpoints: readonly number[] = [],
): number {
  return 1 / Math.sqrt(normalExpectation((z) => f(z) ** 2, breakpoints));
}

/** Memoizes a gain that does not depend on options. */
export function constantGain(compute: () => number): () => number {
  let value: number | undefined;
  return () => {
    value ??= compute();
    return value;
  };
}
