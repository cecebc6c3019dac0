import { NumericDistribution } from '../space/distribution.js';
import { formatNumber } from '../space/format.js';
import type { Space } from '../space/space.js';
import type { Direction, TrialRecord } from '../storage/storage.js';
import { bestTrial } from './leaderboard.js';

/** A parameter whose best value sits at an edge of its range. */
export interface EdgeWarning {
  readonly parameter: string;
  readonly side: 'low' | 'high';
  readonly value: number;
  /** Where the value sits in the range on the distribution's scale: 0 low end, 1 high end. */
  readonly position: number;
  readonly distribution: string;
  readonly message: string;
}

/** Options of {@link edgeWarnings}. */
export interface EdgeOptions {
  /** Share of the range, on the distribution's scale, that counts as "at the edge". Default 0.05. */
  readonly threshold?: number;
}

/**
 * Warns for every numeric parameter whose best value (the best completed trial's) lies
 * within `threshold` of either end of its range, measured on the distribution's own scale
 * (in decades for log distributions). The optimum may lie outside the range; `refine`
 * widens that side. cs231n: "careful with best values on border". No other tuner warns.
 */
export function edgeWarnings(
  space: Space,
  trials: readonly TrialRecord[],
  direction: Direction,
  options: EdgeOptions = {},
): EdgeWarning[] {
  const threshold = options.threshold ?? 0.05;
  const best = bestTrial(trials, direction);
  if (!best) return [];
  const warnings: EdgeWarning[] = [];
  for (const [parameter, distribution] of Object.entries(space)) {
    if (!(distribution instanceof NumericDistribution)) continue;
    const value = best.params[parameter];
    if (typeof value !== 'number') continue;
    const position = distribution.position(value);
    const side = position <= threshold ? 'low' : position >= 1 - threshold ? 'high' : undefined;
    if (!side) continue;
    const bound = side === 'low' ? distribution.min : distribution.max;
    const scale = distribution.scale === 'log' ? 'log scale' : 'scale';
    warnings.push({
      parameter,
      side,
      value,
      position,
      distribution: distribution.toString(),
      message:
        `${parameter}: the best value ${formatNumber(value)} (trial ${best.number}) is at the ${side} edge of ${distribution.toString()} ` +
        `(${Math.round(position * 100)}% of the range on its ${scale}); the optimum may be ${side === 'low' ? 'below' : 'above'} ${formatNumber(bound)}: widen the range (refine does)`,
    });
  }
  return warnings;
}
