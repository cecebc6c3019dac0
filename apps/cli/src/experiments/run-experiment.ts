import type { Registry } from '@fanin/core';
import type { ExperimentDefinition, ExperimentResult } from '@fanin/experiments';
import type { Output } from '../output/output.js';
import type { ReportSection } from '../render/html-report.js';
import { writePlots } from '../render/write-plots.js';
import { experimentProgress } from './experiment-progress.js';

/** How the CLI runs and shows one experiment of `@fanin/experiments`. */
export interface ExperimentEntry {
  /** The command that runs it on its own: "distributions". */
  readonly command: string;
  /** Its heading in the report: "Activation distributions". */
  readonly title: string;
  readonly experiment: ExperimentDefinition;
  /** A config that runs in seconds (`--size tiny`, for smoke tests). */
  readonly tiny: Readonly<Record<string, unknown>>;
  /**
   * The quick and full configs when they are not the experiment's own (`experiment.quick` and its
   * defaults): for a second entry of one experiment, such as the batch-norm comparison on a CNN.
   */
  readonly quick?: Readonly<Record<string, unknown>>;
  readonly full?: Readonly<Record<string, unknown>>;
  /** The terminal summary of a result: tables and findings. */
  readonly summarize: (result: ExperimentResult) => string;
  /** Where the experiment keeps files (a journal in `runs`), as config options; flags given win. */
  readonly files?: (
    runs: string,
    config: Readonly<Record<string, unknown>>,
  ) => Readonly<Record<string, unknown>>;
}

/** An experiment that ran: its result and its section of the HTML report. */
export interface ExperimentRun {
  readonly entry: ExperimentEntry;
  readonly result: ExperimentResult;
  readonly section: ReportSection & { readonly seconds: number };
}

/**
 * Runs one experiment with progress bars, renders its plots to `<directory>/<command>-<plot>.svg`
 * and `.png`, and returns the result with its report section.
 */
export async function runExperiment(
  entry: ExperimentEntry,
  config: Readonly<Record<string, unknown>>,
  context: { registry: Registry; output: Output; signal: AbortSignal; directory: string },
): Promise<ExperimentRun> {
  const started = performance.now();
  const progress = experimentProgress(context.output, entry.command);
  let result: ExperimentResult;
  try {
    result = await entry.experiment.run(config as never, {
      registry: context.registry,
      signal: context.signal,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.finish();
  }
  const plots = await writePlots(result.plots, context.directory, entry.command);
  return {
    entry,
    result,
    section: {
      id: entry.command,
      title: entry.title,
      description: entry.experiment.description,
      summary: entry.summarize(result),
      plots,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
