import { meanAndStd } from '../shared/statistics.js';

/** What the training-loss curve looks like. */
export type LossShape =
  /** It falls from the start. */
  | 'decreasing'
  /** A long flat start, then a drop: typical of a poor initialization. */
  | 'plateauThenDrop'
  /** It barely moves: learning rate too low, or vanishing gradients. */
  | 'flat'
  /** It rose above 3× its start at some point. */
  | 'exploding'
  /** It became NaN or infinite. */
  | 'diverged';

/** The analysis of a loss curve. */
export interface LossShapeAnalysis {
  readonly shape: LossShape;
  /** Smoothed loss at the start and at the end. */
  readonly start: number | null;
  readonly end: number | null;
  /** Share of the steps before the loss had made 10% of its total decrease. */
  readonly plateau: number | null;
  /** The first non-finite step, if any. */
  readonly nonFiniteStep: number | null;
}

/** Thresholds of {@link lossShape}: share of the run that counts as a long flat start, etc. */
export const LOSS_SHAPE_THRESHOLDS = {
  /** The loss must fall below this share of its start to count as having moved. */
  moved: 0.9,
  /** A start flat for at least this share of the steps is a plateau. */
  plateau: 0.25,
  /** Above this multiple of its start, the loss is exploding (cs231n's 3× rule). */
  exploding: 3,
} as const;

/**
 * Classifies a per-step training-loss curve. The curve is smoothed by a moving mean over
 * 2% of the steps (at least 1); `start` is the mean of the first window, `end` the smoothed
 * value at the last step. Then: any NaN or infinite loss is "diverged"; a mean over a later
 * window above 3× the start is "exploding"; an end above 90% of the start is "flat"; otherwise the plateau is
 * the share of steps before the smoothed loss first completes 10% of its total decrease
 * (start − end): 25% or more is "plateauThenDrop", less is "decreasing".
 */
export function lossShape(losses: readonly number[]): LossShapeAnalysis {
  const nonFinite = losses.findIndex((loss) => !Number.isFinite(loss));
  if (nonFinite >= 0 || losses.length === 0) {
    return {
      shape: 'diverged',
      start: null,
      end: null,
      plateau: null,
      nonFiniteStep: nonFinite >= 0 ? nonFinite : null,
    };
  }
  const window = Math.max(1, Math.round(losses.length * 0.02));
  const smoothed = losses.map(
    (_, i) => meanAndStd(losses.slice(Math.max(0, i - window + 1), i + 1)).mean,
  );
  const first = meanAndStd(losses.slice(0, window)).mean;
  const last = smoothed[smoothed.length - 1]!;
  const base = { start: first, end: last, nonFiniteStep: null };
  // Only complete windows are compared with the start (itself the first complete window):
  // the partial means before it are the first raw losses, above the start of any run whose
  // loss falls within its first window (a long run), which is not a rise.
  if (smoothed.slice(window - 1).some((loss) => loss > LOSS_SHAPE_THRESHOLDS.exploding * first))
    return { ...base, shape: 'exploding', plateau: null };
  if (last > LOSS_SHAPE_THRESHOLDS.moved * first) return { ...base, shape: 'flat', plateau: 1 };
  const target = first - 0.1 * (first - last);
  const index = smoothed.findIndex((loss) => loss <= target);
  const plateau = index / losses.length;
  return {
    ...base,
    shape: plateau >= LOSS_SHAPE_THRESHOLDS.plateau ? 'plateauThenDrop' : 'decreasing',
    plateau,
  };
}
