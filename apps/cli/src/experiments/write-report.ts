import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { jsonReplacer } from '../output/output.js';
import { htmlReport } from '../render/html-report.js';
import { VERSION } from '../version.js';
import type { ExperimentRun } from './run-experiment.js';

/**
 * Writes `report.html` (every plot inline as SVG, self-contained) and `results.json` (each
 * experiment's config and data, without the plot specs) into `directory`, atomically.
 */
export function writeExperimentReport(
  directory: string,
  runs: readonly ExperimentRun[],
  facts: readonly string[],
  title = 'fanin experiments',
): { html: string; json: string } {
  const html = join(directory, 'report.html');
  const json = join(directory, 'results.json');
  writeFileAtomic(
    html,
    htmlReport({
      title,
      generatedAt: new Date(),
      facts: [...facts, `fanin ${VERSION}`],
      sections: runs.map((run) => run.section),
    }),
  );
  const results = Object.fromEntries(
    runs.map(({ entry, result, section }) => {
      const { plots: _plots, ...data } = result;
      return [
        entry.command,
        { ...data, seconds: section.seconds, plots: section.plots.flatMap((plot) => plot.files) },
      ];
    }),
  );
  writeFileAtomic(json, `${JSON.stringify(results, jsonReplacer, 2)}\n`);
  return { html, json };
}
