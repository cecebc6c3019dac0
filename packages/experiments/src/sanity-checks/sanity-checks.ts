import {
  type Callback,
  type EntryConfig,
  fit,
  type ModelConfig,
  option,
  Random,
  type Registry,
  type Scalar,
  type Sequential,
  type Tensor,
  tf,
} from '@fanin/core';
import {
  buildExperimentModel,
  disposeExperimentData,
  loadExperimentData,
  modelConfigFor,
} from '../shared/data.js';
import { ExperimentConfigError } from '../shared/errors.js';
import { modelOption, referenceOption } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { defineExperiment, type ExperimentSession } from '../shared/experiment.js';
import {
  checkInputGradient,
  checkParameterGradients,
  GRADCHECK_TOLERANCES,
  type TensorGradientCheck,
} from './finite-differences.js';
import { sanityCheckPlots } from './plots.js';

/** Options of {@link sanityChecks}. */
export const sanityChecksOptions = {
  dataset: referenceOption('dataset', {
    description: 'The data the model is meant for (a registry dataset)',
    default: 'mnist',
  }),
  model: modelOption({
    description: 'The model to check (core model config; inputShape defaults to the dataset)',
    default: {
      layers: [
        ...Array.from({ length: 5 }, () => ({ dense: 100, activation: 'relu', init: 'heNormal' })),
        { dense: 10 },
      ],
    },
  }),
  lossSamples: option.integer({
    description: 'Examples the initial loss is measured on',
    default: 500,
    min: 1,
  }),
  initialLossTolerance: option.number({
    description: 'How far the initial loss may be from ln(classes), as a share of ln(classes)',
    default: 0.1,
    greaterThan: 0,
  }),
  regularization: option.number({
    description:
      'Strength λ of the L2 term λ/2 Σ‖W‖² over the kernels, added for the regularization check',
    default: 1,
    greaterThan: 0,
  }),
  overfitSamples: option.integer({
    description: 'Examples the model must fit perfectly',
    default: 20,
    min: 1,
  }),
  overfitSteps: option.integer({
    description: 'Full-batch steps allowed to reach 100% training accuracy on them',
    default: 300,
    min: 1,
  }),
  optimizer: referenceOption('optimizer', {
    description: 'Optimizer of the overfitting check',
    default: { type: 'adam', learningRate: 1e-3 },
  }),
  gradcheckSamples: option.integer({
    description: 'Examples in the gradient check batch (2 or more for batch norm)',
    default: 4,
    min: 1,
  }),
  gradcheckEntries: option.integer({
    description: 'Entries checked per parameter tensor, and input features per example',
    default: 5,
    min: 1,
  }),
  seed: option.integer({
    description: 'Seed of the initial weights, the examples and the checked entries',
    default: 0,
    min: 0,
  }),
} as const;

/** The four checks, in the order they run. */
export const SANITY_CHECKS = ['initialLoss', 'regularization', 'overfit', 'gradcheck'] as const;
/** The name of a sanity check. */
export type SanityCheckName = (typeof SANITY_CHECKS)[number];

/** The outcome of one check. */
export interface SanityCheck {
  readonly check: SanityCheckName;
  readonly passed: boolean;
  /**
   * The measured number: the initial loss, the rise of the loss, the steps to 100%, the
   * largest share of the gradient tolerance used.
   */
  readonly value: number | null;
  /** What it was compared with: ln(classes), 0, the step budget, 1 (the whole tolerance). */
  readonly expected: number | null;
  /** One sentence: what was measured and, on failure, the likely cause. */
  readonly message: string;
}

function crossEntropy(registry: Registry) {
  const loss = registry.loss('softmaxCrossEntropy');
  return (model: Sequential, x: Tensor, y: Tensor): Scalar =>
    loss.compute(model.apply(x, { training: true }), y);
}

function kernelSquares(model: Sequential): number {
  return tf.tidy(() => {
    const kernels = [...model.namedParameters()].filter(([name]) => name.endsWith('kernel'));
    if (kernels.length === 0) return 0;
    return tf.addN(kernels.map(([, kernel]) => tf.sum(tf.square(kernel)))).dataSync()[0]!;
  });
}

function initialLossCheck(
  loss: number,
  classes: number,
  tolerance: number,
  logitStd: number,
): SanityCheck {
  const expected = Math.log(classes);
  const passed = Math.abs(loss - expected) <= tolerance * expected;
  const where = `initial loss ${loss.toFixed(3)} (ln(${classes}) = ${expected.toFixed(3)}, logits std ${logitStd.toPrecision(3)})`;
  let message: string;
  if (passed)
    message = `The ${where} is within ${Math.round(tolerance * 100)}% of ln(${classes}): the initial predictions are nearly uniform, as they should be`;
  else if (!Number.isFinite(loss))
    message = `The initial loss is ${loss}: the initial weights make the outputs overflow; scale them down`;
  else if (loss > expected)
    message = `The ${where} is far above ln(${classes}): the initial logits are too large, so the model starts confidently wrong; scale the initial weights down (the last layer's especially)`;
  else
    message = `The ${where} is below ln(${classes}) before any training: the model is confident from the start; check the labels and the data`;
  return { check: 'initialLoss', passed, value: jsonNumber(loss), expected, message };
}

function regularizationCheck(dataLoss: number, squares: number, lambda: number): SanityCheck {
  const rise = (lambda / 2) * squares;
  const passed = Number.isFinite(rise) && rise > 1e-6 * Math.abs(dataLoss);
  return {
    check: 'regularization',
    passed,
    value: jsonNumber(rise),
    expected: 0,
    message: passed
      ? `Adding the L2 term (λ = ${lambda}) raises the loss from ${dataLoss.toFixed(3)} to ${(dataLoss + rise).toFixed(3)}, as it should`
      : squares === 0
        ? `Adding the L2 term (λ = ${lambda}) does not change the loss: every kernel is zero, so regularization has nothing to act on (and the units of each layer are identical: use a random initializer)`
        : `Adding the L2 term (λ = ${lambda}) did not raise the loss ${dataLoss}: the kernels are not finite`,
  };
}

/**
 * The classic checks before a long training run (cs231n's "sanity checks"), for any model
 * config:
 *
 * 1. initialLoss: with its initial weights the model should predict nearly uniform
 *    probabilities, so its loss is close to ln(classes) (2.303 for 10 classes). Far above
 *    means the initial logits are too large.
 * 2. regularization: adding an L2 term λ/2 Σ‖W‖² must raise the loss (it does not when
 *    every kernel is zero).
 * 3. overfit: the model must reach 100% training accuracy on 20 examples (full-batch steps
 *    of Adam): if it cannot memorize 20 examples, it cannot learn the data.
 * 4. gradcheck: autograd's gradients agree with central finite differences on a tiny batch,
 *    for the input (core's gradcheck) and sampled entries of every parameter, within float32
 *    tolerances (step 1e-3, 1e-2 relative plus 1e-3 absolute).
 *
 * Each check passes or fails with a one-sentence reason. Every check starts from a freshly
 * built model (the same seed), in training mode (batch statistics for batch norm).
 */
export const sanityChecksExperiment = defineExperiment({
  name: 'sanityChecks',
  description:
    'Checks a model before a long run: initial loss near ln(classes), regularization raises the loss, it overfits 20 examples, gradients pass gradcheck',
  options: sanityChecksOptions,
  light: true,
  quick: { lossSamples: 200 },
  async body(config, session) {
    const { registry } = session;
    registry.validate('optimizer', config.optimizer);
    const data = await loadExperimentData(
      'sanityChecks',
      registry,
      config.dataset,
      {
        train: Math.max(config.lossSamples, config.overfitSamples, config.gradcheckSamples),
        validation: 0,
      },
      config.seed,
    );
    const modelConfig = modelConfigFor(
      'sanityChecks',
      config.model,
      data.source.features,
      registry,
    );
    const crossEntropyOf = crossEntropy(registry);
    const random = new Random(config.seed).fork('sanityChecks');
    const take = (count: number) =>
      tf.tidy(() => ({
        x: tf.slice(data.train.x, [0, 0], [count, -1]),
        y: tf.slice(data.train.y, [0], [count]),
      }));
    const checks: SanityCheck[] = [];
    let overfitCurve: { step: number; loss: number | null; accuracy: number | null }[] = [];
    let gradients: TensorGradientCheck[] = [];
    try {
      const classes = outputWidth(modelConfig, registry, config.seed);
      if (classes !== data.source.classes) {
        throw new ExperimentConfigError(
          'sanityChecks',
          `the model has ${classes} outputs but dataset "${data.source.name}" has ${data.source.classes} classes`,
          `Make the last layer { "dense": ${data.source.classes} }`,
        );
      }

      session.progress('initialLoss', 0, 4, 'initial loss');
      const sample = take(config.lossSamples);
      await withModel(modelConfig, registry, config.seed, (model) => {
        const [loss, logitStd] = tf.tidy(() => {
          const logits = model.apply(sample.x, { training: true });
          const value = registry.loss('softmaxCrossEntropy').compute(logits, sample.y);
          return [value.dataSync()[0]!, tf.moments(logits).variance.sqrt().dataSync()[0]!];
        });
        checks.push(initialLossCheck(loss, classes, config.initialLossTolerance, logitStd));
        checks.push(regularizationCheck(loss, kernelSquares(model), config.regularization));
      });
      tf.dispose([sample.x, sample.y]);
      session.progress('regularization', 2, 4, checks[1]!.message);
      session.checkAbort('overfit');

      const few = take(config.overfitSamples);
      await withModel(modelConfig, registry, config.seed, async (model) => {
        const { check, curve } = await overfitCheck(model, few, config, registry, session);
        checks.push(check);
        overfitCurve = curve;
      });
      tf.dispose([few.x, few.y]);
      session.progress('overfit', 3, 4, checks[2]!.message);
      session.checkAbort('gradcheck');

      const tiny = take(config.gradcheckSamples);
      await withModel(modelConfig, registry, config.seed, (model) => {
        gradients = [
          checkInputGradient(
            (x) => crossEntropyOf(model, x, tiny.y),
            tiny.x,
            config.gradcheckEntries,
            random.fork('input'),
          ),
          ...checkParameterGradients(
            () => crossEntropyOf(model, tiny.x, tiny.y),
            model,
            config.gradcheckEntries,
            random.fork('parameters'),
          ),
        ];
      });
      tf.dispose([tiny.x, tiny.y]);
      checks.push(gradcheckCheck(gradients, checks[0]!.value ?? Number.POSITIVE_INFINITY, classes));
      session.progress('gradcheck', 4, 4, checks[3]!.message);
    } finally {
      disposeExperimentData(data);
    }
    return {
      passed: checks.every((check) => check.passed),
      checks,
      gradients,
      overfitCurve,
      plots: sanityCheckPlots(overfitCurve, gradients),
    };
  },
});

function outputWidth(config: ModelConfig, registry: Registry, seed: number): number {
  const model = buildExperimentModel(config, registry, seed);
  try {
    const shape = model.outputShape([1, ...config.inputShape]);
    return shape[shape.length - 1]!;
  } finally {
    model.dispose();
  }
}

async function withModel(
  config: ModelConfig,
  registry: Registry,
  seed: number,
  body: (model: Sequential) => void | Promise<void>,
): Promise<void> {
  const model = buildExperimentModel(config, registry, seed);
  try {
    await body(model);
  } finally {
    model.dispose();
  }
}

async function overfitCheck(
  model: Sequential,
  data: { x: Tensor; y: Tensor },
  config: { overfitSamples: number; overfitSteps: number; optimizer: EntryConfig; seed: number },
  registry: Registry,
  session: ExperimentSession,
) {
  const optimizer = registry.create('optimizer', config.optimizer);
  const curve: { step: number; loss: number | null; accuracy: number | null }[] = [];
  let reached: number | undefined;
  const watcher: Callback = {
    onEpochEnd({ epoch, logs, stop }) {
      curve.push({ step: epoch, loss: jsonNumber(logs.loss), accuracy: jsonNumber(logs.accuracy) });
      if (logs.accuracy === 1 && reached === undefined) {
        reached = epoch;
        stop('fits every example');
      }
      if (!Number.isFinite(logs.loss ?? Number.NaN)) stop('loss is not finite');
    },
  };
  try {
    await fit(model, data, {
      epochs: config.overfitSteps,
      batchSize: config.overfitSamples,
      optimizer,
      loss: registry.loss('softmaxCrossEntropy'),
      metrics: ['accuracy'],
      shuffle: false,
      callbacks: [watcher],
      ...(session.signal ? { signal: session.signal } : {}),
    });
  } finally {
    optimizer.dispose();
  }
  session.checkAbort('overfit');
  const last = curve.at(-1);
  const check: SanityCheck =
    reached !== undefined
      ? {
          check: 'overfit',
          passed: true,
          value: reached + 1,
          expected: config.overfitSteps,
          message: `The model fits all ${config.overfitSamples} examples (100% training accuracy) after ${reached + 1} steps`,
        }
      : {
          check: 'overfit',
          passed: false,
          value: null,
          expected: config.overfitSteps,
          message: `After ${curve.length} steps the model fits only ${Math.round((last?.accuracy ?? 0) * 100)}% of ${config.overfitSamples} examples (loss ${last?.loss?.toFixed(3) ?? 'NaN'}): it cannot memorize a handful of examples, so check the initialization, the learning rate and the wiring of the model`,
        };
  return { check, curve };
}

function gradcheckCheck(
  gradients: readonly TensorGradientCheck[],
  initialLoss: number,
  classes: number,
): SanityCheck {
  const failed = gradients.filter((g) => !g.ok);
  const entries = gradients.reduce((sum, g) => sum + g.entries, 0);
  const ratio = gradients.reduce(
    (worst, g) => Math.max(worst, g.maxErrorRatio ?? Number.POSITIVE_INFINITY),
    0,
  );
  const { rtol, atol } = GRADCHECK_TOLERANCES;
  const tolerance = `${atol} + ${rtol} × |finite difference|`;
  const first = failed[0];
  const coarse = !(initialLoss <= 100 * Math.log(classes))
    ? ` (with an initial loss of ${initialLoss.toPrecision(3)}, float32 finite differences are too coarse to judge: fix the initialization first)`
    : ": a layer's gradient is wrong, or the model is not differentiable there";
  return {
    check: 'gradcheck',
    passed: failed.length === 0,
    value: jsonNumber(ratio),
    expected: 1,
    message: first
      ? `Autograd's gradients disagree with finite differences beyond ${tolerance} for ${failed.map((g) => g.tensor).join(', ')} (${first.tensor}[${first.worst?.index}]: autograd ${first.worst?.analytic}, finite difference ${first.worst?.numeric})${coarse}`
      : `Autograd's gradients match central finite differences within ${tolerance} on ${entries} entries of the input and of ${gradients.length - 1} parameter tensors (at most ${Math.round(ratio * 100)}% of the tolerance)`,
  };
}

/**
 * Runs the sanity checks (see {@link sanityChecksExperiment}).
 *
 * ```ts
 * const { passed, checks } = await sanityChecks({ model: { layers: [{ dense: 100, activation: 'relu' }, { dense: 10 }] } });
 * checks.filter((c) => !c.passed).map((c) => c.message);
 * ```
 */
export const sanityChecks = sanityChecksExperiment.run;
