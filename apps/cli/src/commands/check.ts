import { option, useBackend } from '@fanin/core';
import { experiments, type SanityCheck } from '@fanin/experiments';
import { defineCommand } from '../cli/command.js';
import { computeOptions } from '../cli/common-options.js';
import { modelFlags, modelFromFlags } from '../config/model-flags.js';
import { cliRegistry } from '../registry.js';
import { experimentProgress } from '../experiments/experiment-progress.js';

const registry = cliRegistry();
const LABELS: Record<SanityCheck['check'], string> = {
  initialLoss: 'initial loss',
  regularization: 'regularization',
  overfit: 'overfit a tiny subset',
  gradcheck: 'gradient check',
};

/** `fanin check`: the sanity checks to run before a long training run. */
export const check = defineCommand({
  name: 'check',
  summary:
    'Sanity-check a model before a long run: initial loss, regularization, overfitting a tiny subset, gradient check',
  description:
    "Runs @fanin/experiments' sanityChecks on the model of a config file (or flags) and its dataset: the untrained loss is near ln(classes); an L2 term raises the loss; the model reaches 100% training accuracy on a tiny subset with the file's optimizer; backpropagation agrees with central finite differences. Each is reported as PASS or FAIL with the likely reason. Exits 1 if any check failed.",
  positionals: [],
  options: {
    ...modelFlags(registry),
    examples: option.integer({
      description: 'Size of the tiny subset the model must overfit',
      default: 20,
      min: 1,
    }),
    steps: option.integer({
      description: 'Full-batch optimizer steps allowed to overfit it',
      default: 300,
      min: 1,
    }),
    ...computeOptions,
  },
  examples: [
    'fanin check --config examples/model.json',
    'fanin check --config examples/model.json --examples 50 --steps 500 --json',
  ],
  async run({ options, given, output, signal, cwd }) {
    const document = modelFromFlags(options, given, registry, cwd, 'check', output);
    const { training, model } = document;
    const loss = registry.canonicalName(
      'loss',
      typeof training.loss === 'string' ? training.loss : (training.loss as { type: string }).type,
    );
    if (loss !== 'softmaxCrossEntropy')
      output.warn(`the checks measure softmaxCrossEntropy (the model file's loss is ${loss})`);
    // The initial loss is measured on up to 500 examples, fewer when the dataset is smaller.
    const examples = registry.create('dataset', training.dataset as never).examples;
    await useBackend(options.backend);
    const progress = experimentProgress(output, 'check');
    let result: Awaited<ReturnType<typeof experiments.sanityChecks.run>>;
    try {
      result = await experiments.sanityChecks.run(
        {
          dataset: training.dataset as never,
          model: { inputShape: [...model.inputShape], layers: [...model.layers] },
          optimizer: training.optimizer as never,
          lossSamples: Math.min(500, examples),
          overfitSamples: options.examples,
          overfitSteps: options.steps,
          seed: model.seed ?? 0,
        },
        { registry, signal, onProgress: progress.onProgress },
      );
    } finally {
      progress.finish();
    }
    const failed = result.checks.filter((entry) => !entry.passed);
    const { plots: _plots, ...data } = result;
    output.result({ source: document.source, ...data });
    output.text(
      [
        ...result.checks.map(
          (entry) => `${entry.passed ? 'PASS' : 'FAIL'}  ${LABELS[entry.check]}: ${entry.message}`,
        ),
        '',
        failed.length === 0
          ? `All ${result.checks.length} checks passed.`
          : `${failed.length} of ${result.checks.length} checks failed: ${failed.map((entry) => LABELS[entry.check]).join(', ')}.`,
      ].join('\n'),
    );
    return failed.length === 0 ? 0 : 1;
  },
});
