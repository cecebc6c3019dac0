import type { Random } from '@fanin/core';
import { logNormalMass, logNormalPdf, truncatedNormalFromUnit } from './truncated-normal.js';

/**
 * One coordinate a Parzen estimator models: a number in [low, high] (on a grid of `step`
 * when step > 0, continuous when 0), or a category index in [0, size).
 */
export type ParzenDimension =
  | { readonly kind: 'numeric'; readonly low: number; readonly high: number; readonly step: number }
  | { readonly kind: 'categorical'; readonly size: number };

export interface ParzenOptions {
  /** Weight of the prior component against 1 per observation (Optuna's prior_weight, 1). */
  readonly priorWeight: number;
  /**
   * One bandwidth for every kernel, Scott-like: 0.2 · n^(−1/(d+4)) · range (multivariate
   * TPE); otherwise each kernel's bandwidth is the larger gap to its neighbours.
   */
  readonly multivariate: boolean;
}

/**
 * Optuna's observation weights: 1 each up to 25 observations; beyond, the oldest n − 25 ramp
 * linearly from 1/n up to 1, so recent trials count more. Observations are in trial order.
 */
export function observationWeights(count: number): number[] {
  if (count < 25) return Array.from({ length: count }, () => 1);
  const ramp = count - 25;
  return Array.from({ length: count }, (_, i) =>
    i >= ramp ? 1 : ramp === 1 ? 1 / count : 1 / count + ((1 - 1 / count) * i) / (ramp - 1),
  );
}

interface NumericKernels {
  readonly kind: 'numeric';
  readonly dimension: Extract<ParzenDimension, { kind: 'numeric' }>;
  readonly mus: readonly number[];
  readonly sigmas: readonly number[];
  /** log of each kernel's mass on [low − step/2, high + step/2] (its truncation). */
  readonly logNormalizers: readonly number[];
}

interface CategoricalKernels {
  readonly kind: 'categorical';
  /** log-probabilities of each choice, per kernel. */
  readonly logProbabilities: readonly (readonly number[])[];
  readonly probabilities: readonly (readonly number[])[];
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const value of values) sum += Math.exp(value - max);
  return max + Math.log(sum);
}

/** Bandwidths of the observation kernels, as Optuna's univariate rule with its magic clip. */
function bandwidths(
  mus: readonly number[],
  dimension: Extract<ParzenDimension, { kind: 'numeric' }>,
  options: ParzenOptions,
  dimensions: number,
): number[] {
  const { low, high, step } = dimension;
  const range = high - low + step;
  const n = mus.length;
  let sigmas: number[];
  if (options.multivariate) {
    const sigma = 0.2 * Math.max(n, 1) ** (-1 / (dimensions + 4)) * range;
    sigmas = mus.map(() => sigma);
  } else {
    // Sorted with the prior's centre; each kernel takes the larger gap to a neighbour, the
    // outermost ones the gap to their only inner neighbour (the range's ends are ignored).
    const withPrior = [...mus, 0.5 * (low + high)];
    const order = withPrior.map((_, i) => i).sort((i, j) => withPrior[i]! - withPrior[j]!);
    const sorted = order.map((i) => withPrior[i]!);
    const ends = [low - step / 2, ...sorted, high + step / 2];
    const bySorted = sorted.map((mu, i) => Math.max(mu - ends[i]!, ends[i + 2]! - mu));
    if (sorted.length >= 2) {
      bySorted[0] = sorted[1]! - sorted[0]!;
      bySorted[sorted.length - 1] = sorted.at(-1)! - sorted.at(-2)!;
    }
    sigmas = new Array<number>(withPrior.length);
    order.forEach((original, rank) => {
      sigmas[original] = bySorted[rank]!;
    });
    sigmas.length = n;
  }
  const minimum = range / Math.min(100, n + 2);
  return sigmas.map((sigma) => Math.min(range, Math.max(minimum, sigma)));
}

/**
 * A Parzen estimator (Bergstra et al. 2011) as Optuna's TPE builds it: a weighted mixture of
 * one kernel per observation plus a prior kernel, over one or more coordinates. Numeric
 * coordinates get a Gaussian truncated to the range (on a `step` grid, the mass of the
 * grid cell), centred on the observation; the prior is centred on the range with a
 * bandwidth of the whole range. Categorical coordinates get a smoothed categorical: every
 * kernel spreads `priorWeight / (n + 1)` over all choices and adds 1 to its own.
 */
export class ParzenEstimator {
  private readonly logWeights: readonly number[];
  private readonly cumulative: readonly number[];
  private readonly kernels: readonly (NumericKernels | CategoricalKernels)[];

  /** `observations[i][d]`: coordinate d of observation i, in trial order. */
  constructor(
    observations: readonly (readonly number[])[],
    readonly dimensions: readonly ParzenDimension[],
    options: ParzenOptions,
  ) {
    const n = observations.length;
    const weights = [...observationWeights(n), options.priorWeight];
    const total = weights.reduce((sum, w) => sum + w, 0);
    this.logWeights = weights.map((w) => Math.log(w / total));
    let running = 0;
    this.cumulative = weights.map((w) => {
      running += w / total;
      return running;
    });
    this.kernels = dimensions.map((dimension, d) => {
      const column = observations.map((point) => point[d]!);
      if (dimension.kind === 'categorical') {
        const spread = options.priorWeight / (n + 1);
        const probabilities = [...column, -1].map((choice) => {
          const row = Array.from({ length: dimension.size }, (_, c) =>
            c === choice ? spread + 1 : spread,
          );
          const sum = row.reduce((s, p) => s + p, 0);
          return row.map((p) => p / sum);
        });
        return {
          kind: 'categorical',
          probabilities,
          logProbabilities: probabilities.map((row) => row.map(Math.log)),
        } satisfies CategoricalKernels;
      }
      const { low, high, step } = dimension;
      const mus = [...column, 0.5 * (low + high)];
      const sigmas = [
        ...bandwidths(column, dimension, options, dimensions.length),
        high - low + step,
      ];
      const logNormalizers = mus.map((mu, j) =>
        logNormalMass((low - step / 2 - mu) / sigmas[j]!, (high + step / 2 - mu) / sigmas[j]!),
      );
      return { kind: 'numeric', dimension, mus, sigmas, logNormalizers } satisfies NumericKernels;
    });
  }

  /** Draws `count` points: a kernel by weight, then each coordinate from that kernel. */
  sample(random: Random, count: number): number[][] {
    return Array.from({ length: count }, () => {
      const u = random.uniform();
      let j = this.cumulative.findIndex((c) => u < c);
      if (j < 0) j = this.cumulative.length - 1;
      return this.kernels.map((kernels) => {
        if (kernels.kind === 'categorical') {
          const row = kernels.probabilities[j]!;
          const v = random.uniform();
          let acc = 0;
          for (let c = 0; c < row.length; c++) {
            acc += row[c]!;
            if (v < acc) return c;
          }
          return row.length - 1;
        }
        const { low, high, step } = kernels.dimension;
        const mu = kernels.mus[j]!;
        const sigma = kernels.sigmas[j]!;
        const z = truncatedNormalFromUnit(
          random.uniform(),
          (low - step / 2 - mu) / sigma,
          (high + step / 2 - mu) / sigma,
        );
        const x = mu + sigma * z;
        if (step === 0) return Math.min(high, Math.max(low, x));
        return Math.min(high, Math.max(low, low + Math.round((x - low) / step) * step));
      });
    });
  }

  /** log density of a point (for a grid or categorical coordinate, log probability). */
  logPdf(point: readonly number[]): number {
    const terms = this.logWeights.map((logWeight, j) => {
      let sum = logWeight;
      this.kernels.forEach((kernels, d) => {
        const x = point[d]!;
        if (kernels.kind === 'categorical') {
          sum += kernels.logProbabilities[j]![x] ?? Number.NEGATIVE_INFINITY;
          return;
        }
        const mu = kernels.mus[j]!;
        const sigma = kernels.sigmas[j]!;
        const { step } = kernels.dimension;
        const cell =
          step === 0
            ? logNormalPdf((x - mu) / sigma) - Math.log(sigma)
            : logNormalMass((x - step / 2 - mu) / sigma, (x + step / 2 - mu) / sigma);
        sum += cell - kernels.logNormalizers[j]!;
      });
      return sum;
    });
    return logSumExp(terms);
  }
}
