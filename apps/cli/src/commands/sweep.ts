import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type BackendName, option, useBackend } from '@fanin/core';
import type { OptimizeSummary, Study } from '@fanin/search';
import { defineCommand } from '../cli/command.js';
import { backendOption, outputOptions } from '../cli/common-options.js';
import { locateConfig } from '../config/config-path.js';
import type { Output } from '../output/output.js';
import { prepareOutputDirectory, prepareOutputFile } from '../io/output-directory.js';
import { loadSearchBullmq } from '../optional/optional-modules.js';
import { cliRegistry } from '../registry.js';
import { runDistributedSweep } from '../sweep/distributed-sweep.js';
import { runSweep } from '../sweep/run-sweep.js';
import { formatSweep, snapshotJson, snapshotOf } from '../sweep/sweep-report.js';
import { readSweepFile, type SweepSpec } from '../sweep/sweep-file.js';

const registry = cliRegistry();

/** `fanin sweep`: a resumable coarse-to-fine hyperparameter sweep on a journal file. */
export const sweep = defineCommand({
  name: 'sweep',
  summary:
    'Run a coarse-to-fine hyperparameter sweep from a config file, on a journal that resumes',
  description:
    "Runs the sweep of a config file (model, space, stages, sampler, pruners, workers, seed): each stage searches the space for its number of trials, the next stage searches the ranges of its best trials. Trials are recorded in an append-only journal (Optuna's JournalFileBackend format), so running the same command again resumes a stopped sweep: finished trials stay, unfinished ones are re-run with the same parameters. Prints each stage's leaderboard, edge warnings, parameter importance and next ranges; fanin report draws the plots.",
  positionals: [],
  options: {
    config: option.string({
      description:
        'Sweep file: model, space, stages, sampler, pruners, workers, seed; see examples/sweep.json',
      nonEmpty: true,
    }),
    journal: option.string({
      description: 'Journal file of the sweep (default <runs>/<sweep name>.jsonl)',
      optional: true,
      nonEmpty: true,
    }),
    runs: option.string({
      description: 'Directory of journals',
      default: 'fanin-runs',
      nonEmpty: true,
    }),
    workers: option.integer({
      description:
        "Trials run at once, each in its own worker process (default: the file's workers)",
      optional: true,
      min: 1,
    }),
    seed: option.integer({
      description:
        "Seed of the sampler (default: the file's); a sweep resumes only with the seed it started with",
      optional: true,
      min: 0,
      max: 2 ** 32 - 1,
    }),
    sampler: option.enum(
      registry.list('sampler').map((entry) => entry.name),
      {
        description:
          "Sampler for every stage, by name with its default options (default: the file's sampler); a sweep resumes only with the sampler it started with",
        optional: true,
      },
    ),
    redis: option.string({
      description:
        'Run the trials on fanin worker processes through this Redis (redis://[user:password@]host[:port][/db]) instead of local workers; the journal is kept in Redis',
      optional: true,
      nonEmpty: true,
    }),
    backend: backendOption,
    ...outputOptions,
  },
  examples: [
    'fanin sweep --config examples/sweep.json',
    'fanin sweep --config examples/sweep.json --workers 2',
    'fanin sweep --config examples/sweep.json --sampler tpe --journal runs/tpe.jsonl',
    'fanin sweep --config examples/sweep.json --journal runs/lr.jsonl --json',
    'fanin sweep --config examples/sweep.json --redis redis://10.0.0.5:6379',
  ],
  async run({ options, output, signal, cwd }) {
    const file = readSweepFile(locateConfig(options.config, cwd, output), cwd, registry);
    const spec = {
      ...file,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.sampler !== undefined ? { sampler: options.sampler } : {}),
    };
    if (options.redis !== undefined)
      return sweepOnRedis(spec, options.redis, options.backend, output, signal);
    const journal =
      options.journal !== undefined
        ? prepareOutputFile(options.journal, cwd, '--journal')
        : join(
            prepareOutputDirectory(options.runs, cwd, '--runs'),
            `${spec.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.jsonl`,
          );
    const shownJournal = relative(cwd, journal) || journal;
    await useBackend(options.backend);
    output.status(
      `${existsSync(journal) ? 'resuming' : 'starting'} sweep "${spec.name}" (${spec.stages.length} stage${spec.stages.length === 1 ? '' : 's'}, ${spec.objective}, ${options.workers ?? spec.workers} worker${(options.workers ?? spec.workers) === 1 ? '' : 's'}) on ${shownJournal}`,
    );
    const outcome = await runSweep(spec, {
      journal,
      registry,
      backend: options.backend,
      output,
      signal,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
    });
    if (outcome.interrupted) {
      output.status(
        `stopped: the journal is consistent; run the same command again to resume (fanin report ${shownJournal} shows it so far)`,
      );
      return 0;
    }
    return printSweep(
      spec,
      outcome.stages,
      output,
      { journal },
      `Journal: ${shownJournal} (run the same command to resume or extend; fanin report ${shownJournal} draws the plots)`,
    );
  },
});

/** Prints the stages' leaderboards (text, or JSON with --json); exit 1 if the last stage has no completed trial. */
async function printSweep(
  spec: SweepSpec,
  stages: readonly { readonly study: Study; readonly summary: OptimizeSummary }[],
  output: Output,
  where: Record<string, string>,
  footer: string,
): Promise<number> {
  const snapshot = await snapshotOf(
    stages.map((stage) => stage.study),
    spec.objective,
    { tops: spec.stages.map((stage) => stage.top) },
  );
  output.result({
    sweep: spec.name,
    ...where,
    summaries: stages.map((stage) => ({ study: stage.study.name, ...stage.summary })),
    ...snapshotJson(snapshot),
  });
  output.text([formatSweep(snapshot), '', footer].join('\n'));
  const last = snapshot.stages[snapshot.stages.length - 1];
  if (last && last.report.counts.complete === 0) {
    output.warn('no trial of the last stage completed: every one was pruned or failed');
    return 1;
  }
  return 0;
}

/** `fanin sweep --redis URL`: the stages run by a controller, the trials by `fanin worker`s. */
async function sweepOnRedis(
  spec: SweepSpec,
  redisUrl: string,
  backend: BackendName,
  output: Output,
  signal: AbortSignal,
): Promise<number> {
  const { parseRedisUrl } = await loadSearchBullmq('fanin sweep --redis');
  const shown = parseRedisUrl(redisUrl).display;
  const outcome = await runDistributedSweep(spec, { redisUrl, registry, backend, output, signal });
  try {
    if (outcome.interrupted) {
      output.status(
        'stopped: queued and running trials go on in the workers; run the same command again to resume',
      );
      return 0;
    }
    return await printSweep(
      spec,
      outcome.stages,
      output,
      { redis: shown },
      `Journal: the list fanin:journal in ${shown} (run the same command to resume or extend)`,
    );
  } finally {
    await outcome.close();
  }
}
