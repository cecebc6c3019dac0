import { option, useBackend } from '@fanin/core';
import { defineCommand } from '../cli/command.js';
import { computeOptions } from '../cli/common-options.js';
import { modelFlags, modelFromFlags } from '../config/model-flags.js';
import { cliRegistry } from '../registry.js';
import { disposeTrainingData, loadTrainingData } from '../training/load-data.js';
import { runSanityChecks } from '../training/sanity-checks.js';

const registry = cliRegistry();
const MARK = { passed: 'PASS', failed: 'FAIL', skipped: 'skip' } as const;

/** `fanin check`: the sanity checks to run before a long training run. */
export const check = defineCommand({
  name: 'check',
  summary:
    'Sanity-check a model before a long run: initial loss, regularization, overfitting a tiny subset, gradient check',
  description:
    'Runs the checks to do before a long training run on the model of a config file (or flags): the untrained loss is near ln(classes); weight decay shrinks the weights; the model reaches 100% training accuracy on a tiny subset; backpropagation agrees with central differences. Each is reported as passed or failed with the likely reason. Exits 1 if any check failed.',
  positionals: [],
  options: {
    ...modelFlags(registry),
    examples: option.integer({
      description: 'Size of the tiny subset the model must overfit',
      default: 20,
      min: 1,
    }),
    steps: option.integer({
      description: 'Optimizer steps (full batch) allowed to overfit it',
      default: 200,
      min: 1,
    }),
    ...computeOptions,
  },
  examples: [
    'fanin check --config examples/model.json',
    'fanin check --config examples/model.json --examples 50 --steps 500 --json',
  ],
  async run({ options, given, output, signal, cwd }) {
    const document = modelFromFlags(options, given, registry, cwd, 'check');
    await useBackend(options.backend);
    const data = await loadTrainingData(document.model, document.training, registry);
    try {
      const results = await runSanityChecks({
        model: document.model,
        training: document.training,
        registry,
        data: data.train,
        examples: options.examples,
        steps: options.steps,
        signal,
        onCheck: (name) => output.status(`${name}...`),
      });
      if (signal.aborted) return 0;
      const failed = results.filter((result) => result.status === 'failed');
      output.result({ source: document.source, passed: failed.length === 0, checks: results });
      output.text(
        [
          ...results.map((result) => `${MARK[result.status]}  ${result.name}: ${result.message}`),
          '',
          failed.length === 0
            ? `All ${results.filter((r) => r.status === 'passed').length} checks passed.`
            : `${failed.length} of ${results.length} checks failed: ${failed.map((r) => r.name).join(', ')}.`,
        ].join('\n'),
      );
      return failed.length === 0 ? 0 : 1;
    } finally {
      disposeTrainingData(data);
    }
  },
});
