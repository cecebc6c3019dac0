import type { OptionSpec, Registry } from '@fanin/core';
import type { ExperimentEntry } from '../experiments/run-experiment.js';

/**
 * Creates (without loading) the dataset each of `entries` will train on, so that one whose
 * optional package is missing (mnist) stops `fanin experiments` before its first experiment,
 * instead of after the experiments before it have run.
 */
export function checkExperimentDatasets(
  entries: readonly ExperimentEntry[],
  configOf: (entry: ExperimentEntry) => Readonly<Record<string, unknown>>,
  registry: Registry,
): void {
  for (const entry of entries) {
    const dataset = (entry.experiment.options as Readonly<Record<string, OptionSpec>>).dataset;
    if (dataset === undefined) continue;
    registry.create('dataset', (configOf(entry).dataset ?? dataset.default) as never);
  }
}
