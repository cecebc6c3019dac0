import type { LossShapeAnalysis } from './loss-shape.js';

/** How serious a finding is. */
export type FindingLevel = 'ok' | 'warn' | 'bad';

/** One diagnosis of a training run. */
export interface Finding {
  readonly check: 'updateRatio' | 'deadUnits' | 'generalizationGap' | 'lossCurve';
  /** What it is about: a layer ("layer 1") or "training". */
  readonly subject: string;
  readonly level: FindingLevel;
  /** The measured number (ratio, share, gap, plateau share), null when there is none. */
  readonly value: number | null;
  /** One sentence: what was measured and what it means. */
  readonly message: string;
}

/**
 * Bands of the checks. The update ratio follows cs231n (about 1e-3 is healthy; a decade
 * either side is fine); the others are conventions of this experiment, stated here so the
 * messages and the docs can quote them.
 */
export const HEALTH_BANDS = {
  /** Median ‖ΔW‖/‖W‖ per step: ok within [1e-4, 1e-2], warn within a further decade, bad beyond. */
  updateRatio: { okLow: 1e-4, okHigh: 1e-2, warnLow: 1e-5, warnHigh: 1e-1 },
  /**
   * Share of units dead on every validation example: ok below 20% (a few units always die
   * in training), warn below 50%, bad beyond (half the layer gets no gradient).
   */
  deadUnits: { ok: 0.2, warn: 0.5 },
  /** Training minus validation accuracy: ok below 0.05, warn below 0.15. */
  generalizationGap: { ok: 0.05, warn: 0.15 },
} as const;

const format = (value: number) => value.toExponential(1);
const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The update/weight ratio finding of one layer. */
export function updateRatioFinding(layer: string, ratio: number): Finding {
  const band = HEALTH_BANDS.updateRatio;
  const subject = layer;
  if (!Number.isFinite(ratio)) {
    return {
      check: 'updateRatio',
      subject,
      level: 'bad',
      value: null,
      message: `${layer}: the update/weight ratio is not a number: the weights are zero or became NaN`,
    };
  }
  if (ratio >= band.okLow && ratio <= band.okHigh) {
    return {
      check: 'updateRatio',
      subject,
      level: 'ok',
      value: ratio,
      message: `${layer}: each step changes the weights by ${format(ratio)} of their norm, near the healthy 1e-3`,
    };
  }
  const low = ratio < band.okLow;
  const level = (low ? ratio >= band.warnLow : ratio <= band.warnHigh) ? 'warn' : 'bad';
  return {
    check: 'updateRatio',
    subject,
    level,
    value: ratio,
    message: low
      ? `${layer}: each step changes the weights by only ${format(ratio)} of their norm (healthy: about 1e-3): the learning rate is too low for this layer, or its gradient vanishes`
      : `${layer}: each step changes the weights by ${format(ratio)} of their norm (healthy: about 1e-3): the learning rate is too high for this layer, training may be unstable`,
  };
}

/** The dead-unit finding of one relu-like layer. */
export function deadUnitsFinding(layer: string, dead: number, units: number): Finding {
  const share = dead / units;
  const band = HEALTH_BANDS.deadUnits;
  const level = share < band.ok ? 'ok' : share < band.warn ? 'warn' : 'bad';
  return {
    check: 'deadUnits',
    subject: layer,
    level,
    value: share,
    message:
      level === 'ok'
        ? `${layer}: ${dead} of ${units} units are dead (0 on every validation example)`
        : `${layer}: ${dead} of ${units} units (${percent(share)}) output 0 on every validation example and get no gradient: lower the learning rate, check the initialization, or use leakyRelu`,
  };
}

/** The train/validation gap finding. */
export function generalizationGapFinding(train: number, validation: number): Finding {
  const gap = train - validation;
  const band = HEALTH_BANDS.generalizationGap;
  const level = gap < band.ok ? 'ok' : gap < band.warn ? 'warn' : 'bad';
  const numbers = `training accuracy ${train.toFixed(3)}, validation ${validation.toFixed(3)}`;
  return {
    check: 'generalizationGap',
    subject: 'training',
    level,
    value: gap,
    message:
      level === 'ok'
        ? `No overfitting (${numbers}): there is room for more capacity if the training accuracy is too low`
        : `The model overfits (${numbers}, a gap of ${gap.toFixed(3)}): add regularization (weight decay, more data) or stop earlier`,
  };
}

/** The loss-curve finding. */
export function lossCurveFinding(analysis: LossShapeAnalysis, steps: number): Finding {
  const base = { check: 'lossCurve' as const, subject: 'training' };
  switch (analysis.shape) {
    case 'diverged':
      return {
        ...base,
        level: 'bad',
        value: null,
        message: `The loss became NaN or infinite at step ${analysis.nonFiniteStep}: the learning rate is too high (or the initial weights too large)`,
      };
    case 'exploding':
      return {
        ...base,
        level: 'bad',
        value: null,
        message: 'The loss rose above 3 times its initial value: the learning rate is too high',
      };
    case 'flat':
      return {
        ...base,
        level: 'bad',
        value: 1,
        message: `The loss barely moved in ${steps} steps (${analysis.start?.toFixed(3)} to ${analysis.end?.toFixed(3)}): the learning rate is too low, or the gradients vanish (check the initialization)`,
      };
    case 'plateauThenDrop':
      return {
        ...base,
        level: 'warn',
        value: analysis.plateau,
        message: `The loss stayed flat for the first ${percent(analysis.plateau!)} of the steps and then dropped: typical of a poor initialization (gradients too small at first)`,
      };
    case 'decreasing':
      return {
        ...base,
        level: 'ok',
        value: analysis.plateau,
        message: `The loss decreased from the start (${analysis.start?.toFixed(3)} to ${analysis.end?.toFixed(3)})`,
      };
  }
}
