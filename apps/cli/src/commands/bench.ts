import { BACKENDS, closestMatch, option } from '@fanin/core';
import { defineCommand } from '../cli/command.js';
import { outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { prepareOutputDirectory } from '../io/output-directory.js';
import { loadBench } from '../optional/optional-modules.js';
import { formatNumber } from '../output/table.js';

function ratio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}x`;
}

/** `fanin bench`: the headline numbers of @fanin/bench's suite. */
export const bench = defineCommand({
  name: 'bench',
  summary:
    "Measure fanin's training step against tfjs-layers and PyTorch, and the rest of the benchmark suite",
  description:
    "Runs @fanin/bench's suite (quick by default, under a minute; --full for the full one) and prints its headline numbers: fanin's training step time for the reference MLP on each backend, how it compares with tfjs-layers and PyTorch (when /usr/bin/python3 has torch), and whether a long run keeps memory flat. --details prints every table. Exits 1 if a benchmark failed.",
  positionals: [],
  options: {
    full: option.boolean({
      description: 'Run the full suite (several minutes) instead of the quick one',
      default: false,
    }),
    only: option.array(option.string({ description: 'A benchmark', nonEmpty: true }), {
      description:
        'Run only these benchmarks: training, attempts, activations, normalization, initializers, sweep, cli, memory',
      optional: true,
      minItems: 1,
    }),
    backends: option.array(option.enum(BACKENDS, { description: 'A backend' }), {
      description: 'Backends to measure',
      default: ['wasm', 'cpu'],
      minItems: 1,
    }),
    torch: option.boolean({
      description: 'Time PyTorch too when /usr/bin/python3 has torch',
      default: true,
    }),
    details: option.boolean({
      description: 'Print every table of the suite, not only the headline',
      default: false,
    }),
    save: option.string({
      description: 'Write the JSON results into this directory',
      optional: true,
      nonEmpty: true,
    }),
    ...outputOptions,
  },
  examples: [
    'fanin bench',
    'fanin bench --only training --backends wasm',
    'fanin bench --full --save bench-results --json',
  ],
  async run({ options, output, cwd }) {
    const suite = await loadBench();
    const only = options.only?.map((name) => {
      if ((suite.BENCHMARK_NAMES as readonly string[]).includes(name))
        return name as (typeof suite.BENCHMARK_NAMES)[number];
      const suggestion = closestMatch(name, suite.BENCHMARK_NAMES);
      throw new UsageError(
        `fanin bench: --only: unknown benchmark "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Benchmarks: ${suite.BENCHMARK_NAMES.join(', ')}`,
      );
    });
    const directory =
      options.save !== undefined ? prepareOutputDirectory(options.save, cwd) : undefined;
    const result = await suite.runSuite(
      {
        quick: !options.full,
        backends: options.backends,
        save: directory !== undefined,
        torch: options.torch,
        ...(only ? { only } : {}),
        ...(directory ? { out: directory } : {}),
      },
      (message) => output.status(message),
    );
    const numbers = suite.headline(result);
    const file = directory ? suite.writeResults(result, directory) : undefined;
    output.result({ headline: numbers, result, ...(file ? { file } : {}) });
    const lines = [`fanin bench (${result.mode}, ${(result.durationMs / 1000).toFixed(0)} s)`];
    for (const [backend, ms] of Object.entries(numbers.faninFitMs)) {
      const layers = numbers.speedupOverLayers[backend as keyof typeof numbers.speedupOverLayers];
      const torch = numbers.versusPyTorch[backend as keyof typeof numbers.versusPyTorch];
      lines.push(
        `  ${backend.padEnd(5)} fanin fit ${formatNumber(ms)} ms/step; tfjs-layers takes ${ratio(layers)} as long${torch !== undefined ? `; fanin takes ${ratio(torch)} PyTorch's time` : ''}`,
      );
    }
    if (numbers.pyTorchMs !== undefined)
      lines.push(`  PyTorch ${formatNumber(numbers.pyTorchMs)} ms/step`);
    if (numbers.leakFree !== undefined)
      lines.push(
        `  long run: ${numbers.leakFree ? 'tensor count and memory flat (no leak)' : 'memory grew (see --details)'}`,
      );
    for (const failure of result.failures)
      lines.push(`  FAILED ${failure.benchmark}: ${failure.error}`);
    // Without the training benchmark there is no headline: show the tables that were measured.
    if (options.details || Object.keys(numbers.faninFitMs).length === 0)
      lines.push('', suite.renderReport(result));
    if (file) lines.push('', `Results: ${file}`);
    output.text(lines.join('\n'));
    return result.failures.length > 0 ? 1 : 0;
  },
});
