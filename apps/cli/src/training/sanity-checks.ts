import {
  buildModel,
  type EntryConfig,
  fit,
  type Loss,
  type ModelConfig,
  Random,
  type Registry,
  type Sequential,
  tf,
  valueAndGrad,
} from '@fanin/core';
import { type Dataset, subset } from '@fanin/datasets';
import type { TrainingConfig } from '../config/model-file.js';
import { formatNumber } from '../output/table.js';

/** How a sanity check came out. */
export interface CheckResult {
  readonly name: 'initial loss' | 'regularization' | 'overfit tiny subset' | 'gradient check';
  readonly status: 'passed' | 'failed' | 'skipped';
  /** What was measured and, when it failed, the likely reason. */
  readonly message: string;
  readonly measured: Readonly<Record<string, number>>;
}

/** Settings of {@link runSanityChecks}. */
export interface SanityCheckOptions {
  readonly model: ModelConfig;
  readonly training: TrainingConfig;
  readonly registry: Registry;
  /** Training examples the checks draw from (the first ones are used). */
  readonly data: Dataset;
  /** Size of the tiny subset the model must overfit. */
  readonly examples: number;
  /** Optimizer steps allowed to overfit it. */
  readonly steps: number;
  readonly signal?: AbortSignal;
  /** Called before each check starts. */
  readonly onCheck?: (name: CheckResult['name']) => void;
}

/** Relative distance of the initial loss from its expected value that still passes. */
export const INITIAL_LOSS_TOLERANCE = 0.3;
/** Weight decay used to see that regularization reaches the weights. */
export const STRONG_WEIGHT_DECAY = 0.5;
/** Steps trained with and without it. */
export const REGULARIZATION_STEPS = 20;
/** Coordinates checked per parameter tensor by the gradient check. */
export const GRADIENT_SAMPLES = 4;

function lossName(registry: Registry, loss: EntryConfig): string {
  return registry.canonicalName('loss', typeof loss === 'string' ? loss : loss.type);
}

function withOption(reference: EntryConfig, key: string, value: unknown): EntryConfig {
  return typeof reference === 'string'
    ? { type: reference, [key]: value }
    : { ...reference, [key]: value };
}

function squaredNorm(model: Sequential): number {
  return tf.tidy(() => {
    let total = tf.scalar(0);
    for (const [name, variable] of model.namedParameters())
      if (/kernel$/.test(name)) total = tf.add(total, tf.sum(tf.square(variable)));
    return total.dataSync()[0]!;
  });
}

function lossValue(model: Sequential, loss: Loss, data: Dataset, training: boolean): number {
  return tf.tidy(() => loss.compute(model.apply(data.x, { training }), data.y).dataSync()[0]!);
}

/** cs231n: with small random weights the logits are diffuse, so the loss starts near ln(classes). */
function initialLoss(options: SanityCheckOptions, sample: Dataset, classes: number): CheckResult {
  const { registry, training } = options;
  const name = lossName(registry, training.loss as EntryConfig);
  const expected =
    name === 'softmaxCrossEntropy'
      ? Math.log(classes)
      : name === 'binaryCrossEntropy'
        ? Math.log(2)
        : undefined;
  if (expected === undefined)
    return {
      name: 'initial loss',
      status: 'skipped',
      message: `no expected initial value for loss "${name}" (known for softmaxCrossEntropy and binaryCrossEntropy)`,
      measured: {},
    };
  const model = buildModel(options.model, { registry });
  const loss = registry.create('loss', training.loss as never);
  try {
    const value = lossValue(model, loss, sample, false);
    const off = Math.abs(value - expected) / expected;
    const passed = Number.isFinite(value) && off <= INITIAL_LOSS_TOLERANCE;
    return {
      name: 'initial loss',
      status: passed ? 'passed' : 'failed',
      message: passed
        ? `${formatNumber(value)}, near ln(${classes}) = ${formatNumber(expected)} for an untrained model`
        : `${formatNumber(value)}, expected about ln(${classes}) = ${formatNumber(expected)}: the initial weights are ${value > expected ? 'too large (confident wrong logits)' : 'suspicious'}; use heNormal (relu) or glorotUniform (tanh), or a smaller std`,
      measured: { loss: value, expected },
    };
  } finally {
    model.dispose();
  }
}

/** Weight decay must reach the weights: the same steps with strong decay leave smaller kernels. */
async function regularization(options: SanityCheckOptions, tiny: Dataset): Promise<CheckResult> {
  const { registry, training } = options;
  const optimizerName = registry.canonicalName(
    'optimizer',
    typeof training.optimizer === 'string'
      ? training.optimizer
      : (training.optimizer as { type: string }).type,
  );
  const declares = registry
    .info('optimizer', optimizerName)
    .options.some((o) => o.name === 'weightDecay');
  if (!declares)
    return {
      name: 'regularization',
      status: 'skipped',
      message: `optimizer "${optimizerName}" has no weightDecay option`,
      measured: {},
    };
  const norms: number[] = [];
  for (const weightDecay of [0, STRONG_WEIGHT_DECAY]) {
    const model = buildModel(options.model, { registry });
    const optimizer = registry.create(
      'optimizer',
      withOption(training.optimizer as EntryConfig, 'weightDecay', weightDecay),
    );
    try {
      await fit(model, tiny, {
        epochs: REGULARIZATION_STEPS,
        batchSize: tiny.x.shape[0],
        optimizer,
        loss: registry.create('loss', training.loss as never),
        shuffle: false,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      norms.push(squaredNorm(model));
    } finally {
      model.dispose();
      optimizer.dispose();
    }
  }
  const [plain, decayed] = norms as [number, number];
  const passed = decayed < plain;
  return {
    name: 'regularization',
    status: passed ? 'passed' : 'failed',
    message: passed
      ? `weight decay ${STRONG_WEIGHT_DECAY} shrinks the kernels (squared norm ${formatNumber(decayed)} vs ${formatNumber(plain)} without, after ${REGULARIZATION_STEPS} steps)`
      : `weight decay ${STRONG_WEIGHT_DECAY} did not shrink the kernels (squared norm ${formatNumber(decayed)} vs ${formatNumber(plain)} without): regularization does not reach the weights`,
    measured: { withoutDecay: plain, withDecay: decayed },
  };
}

/** cs231n: a model that cannot reach 100% training accuracy on 20 examples has a bug or a bad learning rate. */
async function overfit(options: SanityCheckOptions, tiny: Dataset): Promise<CheckResult> {
  const { registry, training } = options;
  const model = buildModel(options.model, { registry });
  const optimizer = registry.create('optimizer', training.optimizer as never);
  let reachedAt: number | undefined;
  try {
    const history = await fit(model, tiny, {
      epochs: options.steps,
      batchSize: tiny.x.shape[0],
      optimizer,
      loss: registry.create('loss', training.loss as never),
      shuffle: false,
      ...(options.signal ? { signal: options.signal } : {}),
      callbacks: [
        {
          onEpochEnd({ epoch, logs, stop }) {
            if (logs.accuracy === 1 && reachedAt === undefined) {
              reachedAt = epoch + 1;
              stop('overfit');
            }
          },
        },
      ],
    });
    const accuracy = history.logs.accuracy?.at(-1) ?? Number.NaN;
    const loss = history.logs.loss?.at(-1) ?? Number.NaN;
    const examples = tiny.x.shape[0];
    return reachedAt !== undefined
      ? {
          name: 'overfit tiny subset',
          status: 'passed',
          message: `100% training accuracy on ${examples} examples after ${reachedAt} steps (loss ${formatNumber(loss)})`,
          measured: { steps: reachedAt, loss, accuracy },
        }
      : {
          name: 'overfit tiny subset',
          status: 'failed',
          message: `${(accuracy * 100).toFixed(1)}% training accuracy (loss ${formatNumber(loss)}) on ${examples} examples after ${options.steps} steps: the model cannot memorize them; raise the learning rate or look for a bug (frozen layers, wrong labels)`,
          measured: { steps: options.steps, loss, accuracy },
        };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * Backpropagation against central differences, on a few coordinates of every parameter
 * tensor (all of them would take two forward passes per weight). float32 limits the
 * agreement: |analytic - numeric| must be within 2e-3 + 5e-2 |numeric| (a ReLU kink
 * crossed by the step can break it; the check reports the worst coordinate).
 */
function gradientCheck(options: SanityCheckOptions, batch: Dataset): CheckResult {
  const { registry, training } = options;
  const model = buildModel(options.model, { registry });
  const loss = registry.create('loss', training.loss as never);
  const epsilon = 1e-3;
  const rtol = 5e-2;
  const atol = 2e-3;
  const random = new Random(training.seed).fork('gradient check');
  try {
    const parameters = model.namedParameters();
    const f = () => loss.compute(model.apply(batch.x, { training: true }), batch.y) as tf.Scalar;
    const { value, grads } = valueAndGrad(f, parameters);
    value.dispose();
    let checked = 0;
    let worst = { name: '', index: 0, analytic: 0, numeric: 0, error: 0 };
    let passed = true;
    for (const [name, variable] of parameters) {
      const analytic = grads.get(name)!.dataSync();
      const original = variable.dataSync().slice();
      for (let sample = 0; sample < Math.min(GRADIENT_SAMPLES, original.length); sample++) {
        const index = random.integer(original.length);
        const at = (delta: number) => {
          const values = original.slice();
          values[index] = original[index]! + delta;
          variable.assign(tf.tensor(values, variable.shape, variable.dtype));
          return tf.tidy(() => f().dataSync()[0]!);
        };
        const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
        variable.assign(tf.tensor(original, variable.shape, variable.dtype));
        const exact = analytic[index]!;
        const error = Math.abs(exact - numeric);
        const ok = error <= atol + rtol * Math.abs(numeric);
        if (!ok) passed = false;
        const relative = error / Math.max(Math.abs(exact), Math.abs(numeric), atol);
        if (checked === 0 || relative > worst.error)
          worst = { name, index, analytic: exact, numeric, error: relative };
        checked++;
      }
    }
    for (const gradient of grads.values()) gradient.dispose();
    return {
      name: 'gradient check',
      status: passed ? 'passed' : 'failed',
      message: passed
        ? `${checked} coordinates of ${parameters.size} parameter tensors agree with central differences (worst relative error ${worst.error.toExponential(1)})`
        : `${worst.name}[${worst.index}]: backpropagation gives ${formatNumber(worst.analytic)}, central differences ${formatNumber(worst.numeric)}: a layer's gradient is wrong (a custom activation or layer?)`,
      measured: { coordinates: checked, worstRelativeError: worst.error },
    };
  } finally {
    model.dispose();
  }
}

/**
 * The checks to run before a long training run (cs231n, "babysitting the learning
 * process"): the untrained loss is near its expected value, regularization reaches the
 * weights, the model can overfit a tiny subset, and backpropagation matches finite
 * differences. Each is reported as passed, failed (with the likely reason) or skipped.
 */
export async function runSanityChecks(options: SanityCheckOptions): Promise<CheckResult[]> {
  const { data } = options;
  const count = data.x.shape[0];
  const tiny = subset(
    data,
    Array.from({ length: Math.min(options.examples, count) }, (_, i) => i),
  );
  const sample = subset(
    data,
    Array.from({ length: Math.min(256, count) }, (_, i) => i),
  );
  const batch = subset(
    data,
    Array.from({ length: Math.min(8, count) }, (_, i) => i),
  );
  const classes = Math.max(2, options.data.numClasses);
  const results: CheckResult[] = [];
  try {
    options.onCheck?.('initial loss');
    results.push(initialLoss(options, sample, classes));
    options.onCheck?.('regularization');
    results.push(await regularization(options, tiny));
    if (options.signal?.aborted) return results;
    options.onCheck?.('overfit tiny subset');
    results.push(await overfit(options, tiny));
    if (options.signal?.aborted) return results;
    options.onCheck?.('gradient check');
    results.push(gradientCheck(options, batch));
    return results;
  } finally {
    tf.dispose([tiny.x, tiny.y, sample.x, sample.y, batch.x, batch.y]);
  }
}
