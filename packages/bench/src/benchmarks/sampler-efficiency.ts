import {
  createStudy,
  logUniform,
  random,
  type Sampler,
  type Space,
  sobol,
  tpe,
  uniform,
} from '@fanin/search';
import { BenchArgumentError } from '../errors.js';

/** A synthetic objective with a known minimum, to measure how fast samplers approach it. */
export interface SamplerProblem {
  readonly name: string;
  readonly description: string;
  readonly space: Space;
  readonly objective: (params: Record<string, unknown>) => number | Promise<number>;
  /** The known minimum value; undefined: the best value any run of the benchmark found. */
  readonly minimum: number | undefined;
  /** The regret (value − minimum) a sampler must reach. */
  readonly target: number;
  /** Trials per run (default: the benchmark's). */
  readonly trials?: number;
  /** Samplers compared on it (default: the benchmark's). */
  readonly samplers?: readonly string[];
  /** Releases what the objective holds (a dataset's tensors). */
  dispose?(): void;
}

/**
 * A bowl in decades: (log10 lr + 3)² + (log10 wd + 5.5)² over logUniform(1e-6, 0.1) ×
 * logUniform(1e-8, 0.01); minimum 0 at lr = 1e-3, wd = 10^-5.5, inside both ranges.
 */
export const LOG_BOWL: SamplerProblem = {
  name: 'log bowl',
  description:
    '(log10 lr + 3)^2 + (log10 wd + 5.5)^2, lr logUniform(1e-6, 0.1), wd logUniform(1e-8, 0.01); minimum 0',
  space: { learningRate: logUniform(1e-6, 1e-1), weightDecay: logUniform(1e-8, 1e-2) },
  objective: (p) =>
    (Math.log10(p.learningRate as number) + 3) ** 2 +
    (Math.log10(p.weightDecay as number) + 5.5) ** 2,
  minimum: 0,
  target: 0.01,
};

/** Branin-Hoo on [-5, 10] × [0, 15]: three global minima of 0.397887. */
export const BRANIN: SamplerProblem = {
  name: 'Branin',
  description: 'Branin-Hoo, x1 uniform(-5, 10), x2 uniform(0, 15); minimum 0.397887 (three)',
  space: { x1: uniform(-5, 10), x2: uniform(0, 15) },
  objective: (p) => {
    const x1 = p.x1 as number;
    const x2 = p.x2 as number;
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
  minimum: 0.397887,
  target: 0.1,
};

/** The samplers compared, by label. */
export const COMPARED_SAMPLERS: Readonly<Record<string, () => Sampler>> = {
  random: () => random(),
  sobol: () => sobol(),
  tpe: () => tpe(),
  'tpe lag 0': () => tpe({ lag: 0 }),
  'tpe multivariate': () => tpe({ multivariate: true }),
};

export interface SamplerEfficiencyOptions {
  readonly seeds: number;
  /** Trials per run. */
  readonly trials: number;
  /** Trial counts at which the mean best regret is reported. */
  readonly checkpoints: readonly number[];
  readonly problems?: readonly SamplerProblem[];
  readonly samplers?: readonly string[];
}

export interface SamplerRow {
  readonly sampler: string;
  /** Mean over seeds of the first trial count whose best regret is <= target (runs that never got there count as trials + 1). */
  readonly meanTrialsToTarget: number;
  /** Seeds that reached the target within the trials. */
  readonly reached: number;
  /** Mean best regret after each checkpoint's number of trials. */
  readonly meanBestRegret: Readonly<Record<number, number>>;
  /** Milliseconds per trial (sampling and study bookkeeping; the objectives are instant). */
  readonly msPerTrial: number;
}

export interface SamplerEfficiencyResult {
  readonly seeds: number;
  readonly problems: readonly {
    readonly name: string;
    readonly description: string;
    readonly target: number;
    /** The value regrets are measured from: the known minimum, or the best any run found. */
    readonly reference: number;
    readonly trials: number;
    readonly checkpoints: readonly number[];
    readonly rows: readonly SamplerRow[];
  }[];
}

/** Best value so far after each trial of one seeded run (one trial at a time). */
async function bestCurve(problem: SamplerProblem, sampler: Sampler, seed: number, trials: number) {
  const study = await createStudy({ seed, sampler, space: problem.space });
  await study.optimize((trial) => problem.objective(trial.params), { trials });
  let best = Number.POSITIVE_INFINITY;
  return (await study.trials()).map((trial) => {
    best = Math.min(best, trial.value ?? Number.POSITIVE_INFINITY);
    return best;
  });
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Sample efficiency of the samplers of @fanin/search on objectives with a known minimum: for
 * each problem and sampler, `seeds` runs of `trials` trials (study seeds 0, 1, ...), one
 * trial at a time; reports the mean number of trials to reach the problem's target regret
 * and the mean best regret at the checkpoints. A problem without a known minimum measures
 * regret from the best value any run found. Not a timing benchmark.
 */
export async function samplerEfficiency(
  options: SamplerEfficiencyOptions,
): Promise<SamplerEfficiencyResult> {
  const problems = options.problems ?? [LOG_BOWL, BRANIN];
  const results = [];
  for (const problem of problems) {
    const trials = problem.trials ?? options.trials;
    const checkpoints = [...new Set([...options.checkpoints.filter((n) => n <= trials), trials])];
    const labels = problem.samplers ?? options.samplers ?? Object.keys(COMPARED_SAMPLERS);
    const runs: { label: string; curves: number[][]; msPerTrial: number }[] = [];
    for (const label of labels) {
      const make = COMPARED_SAMPLERS[label];
      if (!make)
        throw new BenchArgumentError(
          `unknown sampler "${label}"; known: ${Object.keys(COMPARED_SAMPLERS).join(', ')}`,
        );
      const start = performance.now();
      const curves: number[][] = [];
      for (let seed = 0; seed < options.seeds; seed++)
        curves.push(await bestCurve(problem, make(), seed, trials));
      runs.push({
        label,
        curves,
        msPerTrial: (performance.now() - start) / (options.seeds * trials),
      });
    }
    const reference =
      problem.minimum ?? Math.min(...runs.flatMap((run) => run.curves.map((c) => c.at(-1)!)));
    const rows = runs.map(({ label, curves, msPerTrial }): SamplerRow => {
      const regrets = curves.map((curve) => curve.map((best) => best - reference));
      const toTarget = regrets.map((curve) => {
        const index = curve.findIndex((regret) => regret <= problem.target);
        return index < 0 ? trials + 1 : index + 1;
      });
      return {
        sampler: label,
        meanTrialsToTarget: mean(toTarget),
        reached: toTarget.filter((n) => n <= trials).length,
        meanBestRegret: Object.fromEntries(
          checkpoints.map((n) => [n, mean(regrets.map((curve) => curve[n - 1]!))]),
        ),
        msPerTrial,
      };
    });
    problem.dispose?.();
    results.push({
      name: problem.name,
      description: problem.description,
      target: problem.target,
      reference,
      trials,
      checkpoints,
      rows,
    });
  }
  return { seeds: options.seeds, problems: results };
}
