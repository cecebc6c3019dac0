import { CategoricalDistribution } from '../space/categorical.js';
import { NumericDistribution } from '../space/distribution.js';
import type { Space } from '../space/space.js';
import { ranks, spearman } from '../stats/rank.js';
import type { TrialRecord } from '../storage/storage.js';
import { completedTrials } from './leaderboard.js';

/** How much one parameter explains of the objective. */
export interface ParameterImportance {
  readonly parameter: string;
  /**
   * Share of the variance of the objective's ranks explained by this parameter alone
   * (bias-corrected, 0 when it explains no more than chance), in [0, 1].
   */
  readonly importance: number;
  /** `importance` divided by the sum over parameters (0 when all are 0). */
  readonly share: number;
  /** Spearman rank correlation between the parameter and the objective value (numeric parameters). */
  readonly spearman: number | undefined;
  /** Number of bins (or categories) the marginal was estimated on. */
  readonly bins: number;
}

/** Options of {@link parameterImportance}. */
export interface ImportanceOptions {
  /** Bins per numeric parameter. Default: round(√n) clamped to [2, 10]. */
  readonly bins?: number;
}

function binIndex(position: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.floor(position * bins)));
}

/**
 * Ranks parameters by how much of the objective each explains on its own ("fANOVA-lite"):
 * the objective values are replaced by their ranks (so a few blown-up trials do not
 * dominate), each numeric parameter is cut into equal-width bins on its own scale (decades
 * for log distributions), each categorical into its choices, and the importance is the
 * between-bin share of the rank variance, corrected for the share that chance alone gives
 * k bins of n trials: epsilon² = (SS_between − (k − 1) MS_within) / SS_total, floored at 0.
 * This is a first-order (main-effect) estimate, like the first-order terms of fANOVA
 * (Hutter et al. 2014) without the random forest; interactions are not credited. The
 * Spearman correlation gives the direction for numeric parameters. Needs 3 or more
 * completed trials; returns [] otherwise.
 */
export function parameterImportance(
  space: Space,
  trials: readonly TrialRecord[],
  options: ImportanceOptions = {},
): ParameterImportance[] {
  const done = completedTrials(trials);
  const n = done.length;
  if (n < 3) return [];
  const y = ranks(done.map((t) => t.value!));
  const mean = y.reduce((sum, v) => sum + v, 0) / n;
  const total = y.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const defaultBins = Math.min(10, Math.max(2, Math.round(Math.sqrt(n))));
  const rows = Object.entries(space).map(([parameter, distribution]) => {
    const groups = new Map<string | number, number[]>();
    let correlation: number | undefined;
    done.forEach((trial, i) => {
      const value = trial.params[parameter];
      let key: string | number;
      if (distribution instanceof NumericDistribution && typeof value === 'number')
        key = binIndex(distribution.position(value), options.bins ?? defaultBins);
      else if (distribution instanceof CategoricalDistribution) key = JSON.stringify(value);
      else key = 'all';
      const group = groups.get(key) ?? [];
      group.push(y[i]!);
      groups.set(key, group);
    });
    if (distribution instanceof NumericDistribution) {
      const values = done.map((t) => t.params[parameter] as number);
      const rho = spearman(
        values,
        done.map((t) => t.value!),
      );
      correlation = Number.isNaN(rho) ? undefined : rho;
    }
    const k = groups.size;
    let between = 0;
    for (const group of groups.values()) {
      const groupMean = group.reduce((sum, v) => sum + v, 0) / group.length;
      between += group.length * (groupMean - mean) ** 2;
    }
    const within = total - between;
    let importance = 0;
    if (total > 0 && k > 1)
      importance = n > k ? (between - (k - 1) * (within / (n - k))) / total : between / total;
    return {
      parameter,
      importance: Math.min(1, Math.max(0, importance)),
      spearman: correlation,
      bins: k,
    };
  });
  const sum = rows.reduce((s, row) => s + row.importance, 0);
  return rows
    .map((row) => ({ ...row, share: sum > 0 ? row.importance / sum : 0 }))
    .sort((a, b) => b.importance - a.importance);
}
