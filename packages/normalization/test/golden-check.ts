/**
 * Compares every normalizer with the golden values that scripts/golden.py computed with
 * PyTorch (float64). A plain function, so that any suite can re-run it on its backend:
 *
 * ```ts
 * await useBackend('webgl');
 * const failures = checkAllGolden().filter((c) => !c.ok);
 * ```
 *
 * Each case builds the module through the registry from the fixture's options, sets the
 * fixture's gamma and beta, then runs the recorded steps (three training batches and one
 * inference batch) and compares, after every step: the output, the gradient of
 * sum(output * weighting) with respect to the input and to every parameter, and the running
 * statistics.
 */
import { createRegistry, type Tensor, tf, valueAndGrad } from '@fanin/core';
import batchNormFixture from '../fixtures/batch-norm.json';
import groupNormFixture from '../fixtures/group-norm.json';
import instanceNormFixture from '../fixtures/instance-norm.json';
import layerNormFixture from '../fixtures/layer-norm.json';
import rmsNormFixture from '../fixtures/rms-norm.json';
import { normalization } from '../src/index.js';

export interface GoldenStep {
  readonly training: boolean;
  readonly input: readonly number[];
  readonly weighting: readonly number[];
  readonly output: readonly number[];
  readonly inputGradient: readonly number[];
  readonly parameterGradients: Readonly<Record<string, readonly number[]>>;
  readonly state?: Readonly<Record<string, readonly number[]>>;
}

export interface GoldenParameter {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

export interface GoldenCase {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly reference: string;
  readonly inputShape: readonly number[];
  /** gamma and/or beta (the JSON import types an absent one as undefined). */
  readonly parameters: Readonly<Record<string, GoldenParameter | undefined>>;
  readonly steps: readonly GoldenStep[];
}

export interface GoldenFixture {
  readonly generator: string;
  readonly normalizer: string;
  readonly cases: readonly GoldenCase[];
}

/** Every fixture, by normalizer name. */
export const GOLDEN_FIXTURES: Readonly<Record<string, GoldenFixture>> = {
  batchNorm: batchNormFixture,
  layerNorm: layerNormFixture,
  groupNorm: groupNormFixture,
  instanceNorm: instanceNormFixture,
  rmsNorm: rmsNormFixture,
};

/**
 * The float32 tolerance: |actual - expected| <= relative * |expected| + absolute * max|expected|.
 *
 * The reference is float64, so this bounds fanin's float32 rounding. Unit roundoff is 6e-8;
 * the statistics sum up to 120 values (n * u = 7e-6 in the worst case, ~sqrt(n) * u typically),
 * and the batch-norm input gradient (gamma / sigma) * (dy - mean(dy) - xhat * mean(dy * xhat))
 * subtracts terms as large as the tensor's largest entries, so an entry near 0 carries an
 * error proportional to the tensor's scale rather than to itself: hence the second term.
 */
export const GOLDEN_TOLERANCE: GoldenTolerance = { relative: 1e-5, absolute: 1e-5 };

/** A tolerance for {@link checkGolden} (a webgl suite may need a looser one). */
export interface GoldenTolerance {
  readonly relative: number;
  readonly absolute: number;
}

/** One compared quantity of one step of one case. */
export interface GoldenComparison {
  readonly normalizer: string;
  readonly case: string;
  readonly step: number;
  /** "output", "inputGradient", "gamma gradient", "runningMean", ... */
  readonly quantity: string;
  /** max |actual - expected| / (relative * |expected| + absolute * max|expected|); <= 1 passes. */
  readonly errorRatio: number;
  /** max |actual - expected| / max|expected|. */
  readonly maxRelativeError: number;
  readonly ok: boolean;
}

function compare(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance: GoldenTolerance,
): { errorRatio: number; maxRelativeError: number } {
  if (actual.length !== expected.length)
    return { errorRatio: Number.POSITIVE_INFINITY, maxRelativeError: Number.POSITIVE_INFINITY };
  const scale = Math.max(...expected.map(Math.abs), Number.MIN_VALUE);
  let errorRatio = 0;
  let maxError = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const error = Math.abs((actual[i] ?? Number.NaN) - e);
    const allowed = tolerance.relative * Math.abs(e) + tolerance.absolute * scale;
    errorRatio = Math.max(
      errorRatio,
      Number.isNaN(error) ? Number.POSITIVE_INFINITY : error / allowed,
    );
    maxError = Math.max(maxError, Number.isNaN(error) ? Number.POSITIVE_INFINITY : error);
  }
  return { errorRatio, maxRelativeError: maxError / scale };
}

/** Runs one fixture on the current backend; returns every comparison (check `ok`). */
export function checkGolden(
  fixture: GoldenFixture,
  tolerance: GoldenTolerance = GOLDEN_TOLERANCE,
): GoldenComparison[] {
  const registry = createRegistry({ plugins: [normalization] });
  const comparisons: GoldenComparison[] = [];
  for (const golden of fixture.cases) {
    const module = registry.create('normalization', {
      type: fixture.normalizer,
      ...golden.options,
    });
    module.ensureBuilt(golden.inputShape);
    const parameters = module.namedParameters();
    for (const [name, parameter] of Object.entries(golden.parameters)) {
      if (!parameter) continue;
      const { shape, values } = parameter;
      const variable = parameters.get(name);
      if (!variable)
        throw new Error(`${fixture.normalizer} "${golden.name}": no parameter "${name}"`);
      tf.tidy(() => variable.assign(tf.tensor(values, [...shape])));
    }
    if ([...parameters.keys()].sort().join() !== Object.keys(golden.parameters).sort().join()) {
      throw new Error(
        `${fixture.normalizer} "${golden.name}": parameters ${[...parameters.keys()]} differ from the fixture's ${Object.keys(golden.parameters)}`,
      );
    }
    golden.steps.forEach((step, index) => {
      const record = (quantity: string, actual: ArrayLike<number>, expected: readonly number[]) => {
        const { errorRatio, maxRelativeError } = compare(actual, expected, tolerance);
        comparisons.push({
          normalizer: fixture.normalizer,
          case: golden.name,
          step: index,
          quantity,
          errorRatio,
          maxRelativeError,
          ok: errorRatio <= 1,
        });
      };
      const input = tf.tidy(() => tf.variable(tf.tensor(step.input, [...golden.inputShape]), true));
      const weighting = tf.tensor(step.weighting, [...golden.inputShape]);
      let output: Tensor | undefined;
      const { value, grads } = valueAndGrad(
        () => {
          const y = module.apply(input, { training: step.training });
          output = tf.keep(y);
          return tf.sum(tf.mul(y, weighting));
        },
        new Map([['input', input], ...parameters]),
      );
      record('output', output!.dataSync(), step.output);
      record('inputGradient', grads.get('input')!.dataSync(), step.inputGradient);
      for (const [name, expected] of Object.entries(step.parameterGradients)) {
        record(`${name} gradient`, grads.get(name)?.dataSync() ?? [], expected);
      }
      const state = module.namedState();
      for (const [name, expected] of Object.entries(step.state ?? {})) {
        record(name, state.get(name)?.dataSync() ?? [], expected);
      }
      if (step.state === undefined && state.size > 0)
        record('state (none expected)', [state.size], []);
      tf.dispose([input, weighting, output!, value, ...grads.values()]);
    });
    module.dispose();
  }
  return comparisons;
}

/** {@link checkGolden} over every fixture. */
export function checkAllGolden(tolerance: GoldenTolerance = GOLDEN_TOLERANCE): GoldenComparison[] {
  return Object.values(GOLDEN_FIXTURES).flatMap((fixture) => checkGolden(fixture, tolerance));
}
