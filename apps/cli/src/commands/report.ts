import { existsSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { option } from '@fanin/core';
import { defineCommand, short } from '../cli/command.js';
import { outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { prepareOutputDirectory } from '../io/output-directory.js';
import { htmlReport } from '../render/html-report.js';
import { writePlots } from '../render/write-plots.js';
import { readJournal } from '../sweep/read-journal.js';
import { formatSweep, snapshotJson, snapshotOf, snapshotPlots } from '../sweep/sweep-report.js';
import { VERSION } from '../version.js';

/** `fanin report <journal>`: leaderboard and plots of a finished or running sweep. */
export const report = defineCommand({
  name: 'report',
  summary: 'Print the leaderboard of a sweep (finished or running) and write its plots',
  description:
    "Reads a sweep's journal without locking it (a running sweep goes on) and prints, for each stage, the trial counts, the leaderboard, warnings about best values at the edge of a range, parameter importance and the next stage's ranges. Writes the plots (objective by trial, against each parameter, learning curves of the best trials) as SVG and PNG with a self-contained report.html.",
  positionals: [
    {
      name: 'journal',
      description: 'The journal file of a sweep (fanin-runs/<name>.jsonl)',
      required: true,
    },
  ],
  options: {
    study: option.string({
      description:
        'Report only this study (a stage: "<name>" or "<name>/stage-2"); default every study in the journal',
      optional: true,
      nonEmpty: true,
    }),
    top: option.integer({ description: 'Rows of each leaderboard', default: 10, min: 1 }),
    out: short(
      option.string({
        description: 'Directory of the plots and report.html (default fanin-report/<journal name>)',
        optional: true,
        nonEmpty: true,
      }),
      'o',
    ),
    plots: option.boolean({ description: 'Write the plots and report.html', default: true }),
    ...outputOptions,
  },
  examples: [
    'fanin report fanin-runs/mnist-lr-wd.jsonl',
    'fanin report fanin-runs/mnist-lr-wd.jsonl --study mnist-lr-wd/stage-2 --top 5',
    'fanin report fanin-runs/mnist-lr-wd.jsonl --no-plots --json',
  ],
  async run({ options, positionals, output, cwd }) {
    const file = resolve(cwd, positionals.journal!);
    const name = basename(file, extname(file));
    const directory = options.plots
      ? prepareOutputDirectory(options.out ?? join('fanin-report', name), cwd)
      : undefined;
    const journal = await readJournal(file, cwd, existsSync(`${file}.lock`));
    let studies = journal.studies;
    if (options.study !== undefined) {
      studies = studies.filter((entry) => entry.study.name === options.study);
      if (studies.length === 0) {
        throw new UsageError(
          `fanin report: no study "${options.study}" in ${journal.file}. Studies: ${journal.studies.map((entry) => `"${entry.study.name}"`).join(', ')}`,
        );
      }
    }
    const objective = String(studies[0]!.userAttrs.objective ?? 'value');
    const snapshot = await snapshotOf(
      studies.map((entry) => entry.study),
      objective,
      { leaderboard: options.top },
    );
    const files: string[] = [];
    if (directory) {
      const plots = await writePlots(snapshotPlots(snapshot), directory, 'sweep');
      const html = htmlReport({
        title: `Sweep ${name}`,
        generatedAt: new Date(),
        facts: [
          `journal ${journal.file}`,
          journal.locked ? 'running' : 'not running',
          `fanin ${VERSION}`,
        ],
        sections: [
          {
            id: 'sweep',
            title: `Sweep ${name}: ${objective}`,
            description: `${snapshot.stages.length} stage${snapshot.stages.length === 1 ? '' : 's'}: ${snapshot.stages.map((stage) => stage.study.name).join(', ')}`,
            summary: formatSweep(snapshot),
            plots,
          },
        ],
      });
      writeFileAtomic(join(directory, 'report.html'), html);
      files.push(
        join(directory, 'report.html'),
        ...plots.flatMap((plot) => plot.files.map((f) => join(directory, f))),
      );
    }
    output.result({
      journal: journal.file,
      running: journal.locked,
      ...snapshotJson(snapshot),
      files,
    });
    output.text(
      [
        journal.locked ? `(a sweep is writing ${journal.file} now: this is a snapshot)\n` : '',
        formatSweep(snapshot),
        ...(directory ? ['', `Report: ${relative(cwd, join(directory, 'report.html'))}`] : []),
      ]
        .filter((line, index) => index > 0 || line !== '')
        .join('\n'),
    );
    return 0;
  },
});
