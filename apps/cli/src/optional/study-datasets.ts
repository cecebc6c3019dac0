import type { OptionSpec, Registry } from '@fanin/core';
import type { StudyEntry } from '../studies/run-study.js';

/**
 * Creates (without loading) the dataset each of `entries` will train on, so that one whose
 * optional package is missing (mnist) stops `fanin study` before its first study, instead of
 * after the studies before it have run.
 */
export function checkStudyDatasets(
  entries: readonly StudyEntry[],
  configOf: (entry: StudyEntry) => Readonly<Record<string, unknown>>,
  registry: Registry,
): void {
  for (const entry of entries) {
    const dataset = (entry.study.options as Readonly<Record<string, OptionSpec>>).dataset;
    if (dataset === undefined) continue;
    registry.create('dataset', (configOf(entry).dataset ?? dataset.default) as never);
  }
}
