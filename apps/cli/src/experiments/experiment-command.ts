import { option, useBackend } from '@fanin/core';
import { type Command, defineCommand, short } from '../cli/command.js';
import { backendOption, outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { prepareOutputDirectory } from '../io/output-directory.js';
import { displayPath } from '../io/read-json-file.js';
import { cliRegistry } from '../registry.js';
import { runExperiment, type ExperimentEntry } from './run-experiment.js';
import { experimentFlags } from './experiment-flags.js';
import { fullOption, type Size, sizeOption } from './experiment-sizes.js';
import { writeExperimentReport } from './write-report.js';

/** The options every experiment command adds to the experiment's own. */
const RESERVED = ['size', 'full', 'out', 'runs', 'backend', 'json', 'quiet'];

/** The config of an experiment at a size, with the given flags laid over it. */
export function experimentConfig(
  entry: ExperimentEntry,
  size: Size,
  flags: Readonly<Record<string, unknown>>,
  runs: string,
): Record<string, unknown> {
  const preset =
    size === 'tiny'
      ? entry.tiny
      : size === 'quick'
        ? (entry.quick ?? entry.experiment.quick)
        : (entry.full ?? {});
  const config = { ...preset, ...flags };
  return { ...(entry.files?.(runs, config) ?? {}), ...config };
}

/** The chosen size: `--full` is `--size full`; `--full` with another `--size` is a usage error. */
export function sizeOf(
  options: { size: Size; full: boolean },
  given: ReadonlySet<string>,
  command = 'experiments',
): Size {
  if (options.full && given.has('size') && options.size !== 'full')
    throw new UsageError(
      `fanin ${command}: --full and --size ${options.size} conflict (--full means --size full)`,
      'Give one of them',
    );
  return options.full ? 'full' : options.size;
}

/**
 * A command running one experiment of `@fanin/experiments` on its own (`fanin distributions`):
 * its options become flags (from the experiment's declarations), `--size` picks the preset, the
 * plots go to `--out` as SVG and PNG with a report.html, the summary to the terminal.
 */
export function experimentCommand(
  entry: ExperimentEntry,
  extra: { summary: string; examples: readonly string[] },
): Command {
  const flags = experimentFlags(entry.experiment.options);
  for (const name of RESERVED)
    if (name in flags)
      throw new Error(
        `experiment "${entry.experiment.name}" has an option "${name}", which the CLI reserves`,
      );
  return defineCommand({
    name: entry.command,
    summary: extra.summary,
    description: `${entry.experiment.description}. Runs at the quick size by default (--full for the classic sizes); every option of the experiment is a flag. Writes the plots (SVG and PNG) and report.html to --out and prints a summary.`,
    positionals: [],
    options: {
      ...flags,
      size: sizeOption,
      full: fullOption,
      out: short(
        option.string({
          description: 'Directory of the plots and report.html',
          default: 'fanin-report',
          nonEmpty: true,
        }),
        'o',
      ),
      ...(entry.files
        ? {
            runs: option.string({
              description: 'Directory of journals',
              default: 'fanin-runs',
              nonEmpty: true,
            }),
          }
        : {}),
      backend: backendOption,
      ...outputOptions,
    },
    examples: extra.examples,
    async run({ options, given, output, signal, cwd }) {
      const values = options as Record<string, unknown>;
      const size = sizeOf(options as { size: Size; full: boolean }, given, entry.command);
      const directory = prepareOutputDirectory(String(values.out), cwd);
      const runs = entry.files ? prepareOutputDirectory(String(values.runs), cwd) : '';
      const chosen = Object.fromEntries(
        Object.keys(flags)
          .filter((name) => given.has(name))
          .map((name) => [name, values[name]]),
      );
      const config = experimentConfig(entry, size, chosen, runs);
      await useBackend(options.backend as never);
      const run = await runExperiment(entry, config, {
        registry: cliRegistry(),
        output,
        signal,
        directory,
      });
      const files = writeExperimentReport(
        directory,
        [run],
        [`backend ${String(options.backend)}`, `size ${size}`],
        entry.title,
      );
      const { plots: _plots, ...data } = run.result;
      output.result({
        ...data,
        seconds: run.section.seconds,
        files: { ...files, plots: run.section.plots.flatMap((plot) => plot.files) },
      });
      output.text(
        `${entry.title}\n\n${run.section.summary}\n\nReport: ${displayPath(files.html, cwd)}`,
      );
      return 0;
    },
  });
}
