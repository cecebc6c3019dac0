import { defineEntry, FaninError, hashSeed, option, Random, resolveOptions } from '@fanin/core';
import type { Space } from '../space/space.js';
import type { TrialRecord } from '../storage/storage.js';
import { type ParzenCoordinates, parzenCoordinates } from './parzen-coordinates.js';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator.js';
import { randomUnit } from './random.js';
import type { SampleContext, Sampler } from './sampler.js';
import { splitTrials } from './tpe-split.js';

const tpeOptions = {
  startupTrials: option.integer({
    description:
      'Trials drawn at random (as the random sampler draws them) before the model is used',
    default: 10,
    min: 0,
  }),
  candidates: option.integer({
    description: 'Candidates drawn from l(x) per trial; the one with the largest l(x)/g(x) wins',
    default: 24,
    min: 1,
  }),
  gamma: option.number({
    description: 'Share of the ranked trials that are good: min(ceil(gamma n), maxGoodTrials) of n',
    default: 0.1,
    greaterThan: 0,
    max: 1,
  }),
  maxGoodTrials: option.integer({
    description: 'At most this many good trials',
    default: 25,
    min: 1,
  }),
  priorWeight: option.number({
    description: 'Weight of the prior kernel (the whole range) against 1 per trial',
    default: 1,
    greaterThan: 0,
  }),
  multivariate: option.boolean({
    description:
      'Model the parameters jointly (one kernel per trial over all of them, Scott-like bandwidth) instead of one by one',
    default: false,
  }),
  lag: option.integer({
    description:
      'Trial k is drawn from the trials numbered below k - lag, and waits for them to finish: up to lag + 1 workers run without waiting, and any number give the same trials',
    default: 3,
    min: 0,
  }),
} as const;

/** The TPE sampler's options (see `tpe`). */
export interface TpeOptions {
  readonly startupTrials?: number;
  readonly candidates?: number;
  readonly gamma?: number;
  readonly maxGoodTrials?: number;
  readonly priorWeight?: number;
  readonly multivariate?: boolean;
  readonly lag?: number;
}

type ResolvedTpeOptions = Required<TpeOptions>;

interface Modelled {
  readonly name: string;
  readonly coordinates: ParzenCoordinates;
}

/** The coordinates of the trials that have a valid value for every one of `params`. */
function observations(trials: readonly TrialRecord[], params: readonly Modelled[]): number[][] {
  const points: number[][] = [];
  for (const trial of trials) {
    const point = params.map(({ name, coordinates }) =>
      coordinates.toCoordinate(trial.params[name]),
    );
    if (point.every((c) => c !== undefined)) points.push(point as number[]);
  }
  return points;
}

/** The candidate drawn from l(x) with the largest log l(x) − log g(x) (the first on ties). */
function bestCandidate(
  good: ParzenEstimator,
  bad: ParzenEstimator,
  random: Random,
  count: number,
  params: readonly Modelled[],
): number[] {
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const drawn of good.sample(random, count)) {
    const point = drawn.map((c, d) => params[d]!.coordinates.snap(c));
    const score = good.logPdf(point) - bad.logPdf(point);
    if (best.length === 0 || score > bestScore) {
      best = point;
      bestScore = score;
    }
  }
  return best;
}

class TpeSampler implements Sampler {
  readonly name = 'tpe';
  readonly config: { type: 'tpe' } & ResolvedTpeOptions;

  constructor(readonly options: ResolvedTpeOptions) {
    this.config = { type: 'tpe', ...options };
  }

  historyBoundary(number: number): number {
    const { startupTrials, lag } = this.options;
    return number < startupTrials ? 0 : Math.max(startupTrials, number - lag, 0);
  }

  sample({ space, seed, number, direction, history }: SampleContext): Record<string, number> {
    const units: Record<string, number> = {};
    for (const name of Object.keys(space)) units[name] = randomUnit(seed, number, name);
    if (this.historyBoundary(number) === 0) return units;
    if (history === undefined) {
      throw new FaninError(
        'SAMPLER_NEEDS_HISTORY',
        `sampler "tpe": trial ${number} is drawn from the finished trials 0 to ${this.historyBoundary(number) - 1}, and none were given`,
        `Use await study.sampleParams(${number}), or pass history to sample()`,
      );
    }
    const split = splitTrials(history, {
      direction: direction ?? 'minimize',
      gamma: this.options.gamma,
      maxGoodTrials: this.options.maxGoodTrials,
    });
    if (split.ranked < Math.max(1, this.options.startupTrials)) return units;
    const modelled = modelledParams(space);
    const parzen: ParzenOptions = {
      priorWeight: this.options.priorWeight,
      multivariate: this.options.multivariate,
    };
    const groups = this.options.multivariate ? [modelled] : modelled.map((param) => [param]);
    for (const group of groups) {
      if (group.length === 0) continue;
      const dimensions = group.map((param) => param.coordinates.dimension);
      const good = new ParzenEstimator(observations(split.good, group), dimensions, parzen);
      const bad = new ParzenEstimator(observations(split.bad, group), dimensions, parzen);
      const stream = this.options.multivariate ? ['tpe'] : ['tpe', group[0]!.name];
      const random = new Random(hashSeed(seed, number, ...stream));
      const best = bestCandidate(good, bad, random, this.options.candidates, group);
      group.forEach((param, d) => {
        units[param.name] = param.coordinates.toUnit(best[d]!);
      });
    }
    return units;
  }
}

function modelledParams(space: Space): Modelled[] {
  const params: Modelled[] = [];
  for (const [name, distribution] of Object.entries(space)) {
    const coordinates = parzenCoordinates(distribution);
    if (coordinates) params.push({ name, coordinates });
  }
  return params;
}

export const tpeEntry = defineEntry('sampler', {
  description:
    'Tree-structured Parzen estimator (Optuna TPESampler): draws where good trials are dense and bad ones sparse, from the finished trials numbered below k - lag',
  options: tpeOptions,
  create: (options) => new TpeSampler(options),
});

/**
 * The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl 2011), as
 * Optuna's `TPESampler`. After `startupTrials` random trials, the finished trials are split
 * into good (the best min(ceil(gamma n), maxGoodTrials)) and bad; a Parzen estimator l(x)
 * is fitted to the good and g(x) to the bad, per parameter on its own scale (log ranges in
 * log space, integer grids as grids, categoricals smoothed); `candidates` points drawn from
 * l(x) are scored by l(x)/g(x) and the best is trial k's value.
 *
 * Reproducible with any number of workers: trial k is drawn from exactly the trials
 * numbered below max(startupTrials, k − lag), which the study waits for, and from random
 * streams seeded by hashSeed(seed, k, "tpe", parameter), so its parameters are a pure
 * function of the seed, k and those trials' results.
 */
export function tpe(options: TpeOptions = {}): Sampler {
  return new TpeSampler(resolveOptions(tpeOptions, options, 'sampler "tpe"'));
}
