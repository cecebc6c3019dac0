import { option } from '@fanin/core';
import type { AttemptReport, WorkerSummary } from '@fanin/search-bullmq';
import { defineCommand } from '../cli/command.js';
import { backendOption, outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { locateConfig } from '../config/config-path.js';
import { loadSearchBullmq } from '../optional/optional-modules.js';
import { formatNumber } from '../output/table.js';
import { cliRegistry } from '../registry.js';
import { stageNames } from '../sweep/distributed-sweep.js';
import { requireWorkerModule, WORKER_MODULE, workerEnvironment } from '../sweep/run-sweep.js';
import { readSweepFile } from '../sweep/sweep-file.js';
import { checkSweepFingerprint } from '../sweep/sweep-fingerprint.js';

const registry = cliRegistry();

/** One line for a trial this worker ran: `trial 3 (sweep) complete 0.4123 [host:pid]`. */
function trialLine(report: AttemptReport): string {
  const value = report.value !== undefined ? ` ${formatNumber(report.value)}` : '';
  const reason = report.reason !== undefined ? ` (${report.reason})` : '';
  const attempt = report.attempt > 1 ? ` attempt ${report.attempt}` : '';
  return `trial ${report.number} of "${report.study}"${attempt}: ${report.state}${value}${reason}`;
}

/** The sum of the per-stage summaries. */
function total(summaries: readonly WorkerSummary[]): WorkerSummary {
  const sum = { complete: 0, pruned: 0, failed: 0, finished: 0, superseded: 0, errors: 0 };
  for (const summary of summaries)
    for (const key of Object.keys(sum) as (keyof WorkerSummary)[]) sum[key] += summary[key];
  return sum;
}

/** `fanin worker`: runs the trials of a distributed sweep (`fanin sweep --redis`) until Ctrl-C. */
export const worker = defineCommand({
  name: 'worker',
  summary: 'Run trials of a distributed sweep (fanin sweep --redis) from Redis until Ctrl-C',
  description:
    "Serves the studies of a sweep started with fanin sweep --redis: pulls trials from the sweep's queues in Redis and runs each in its own process (--concurrency at once), recording reports and results in the Redis journal. Start any number of workers on any machines that reach the Redis, each with the same sweep file, before or after the controller. Prints one line per finished trial (a JSON line with --json). Ctrl-C stops taking trials; the running ones finish and are recorded, then it exits 130 (a second Ctrl-C quits at once; their trials are re-run elsewhere). An unreachable Redis fails at start with exit code 2.",
  positionals: [],
  options: {
    redis: option.string({
      description:
        "The sweep controller's Redis: redis://[user:password@]host[:port][/db], rediss:// for TLS",
      nonEmpty: true,
    }),
    config: option.string({
      description:
        'The sweep file the controller runs (the same file on every machine): the model and training the trials use',
      nonEmpty: true,
    }),
    study: option.string({
      description:
        "Serve only this stage's study (default: every stage of the sweep: <name>, <name>/stage-2, ...)",
      optional: true,
      nonEmpty: true,
    }),
    concurrency: option.integer({
      description: 'Trials run at once, each in its own process (about one per core)',
      default: 1,
      min: 1,
    }),
    backend: backendOption,
    ...outputOptions,
  },
  examples: [
    'fanin worker --redis redis://10.0.0.5:6379 --config examples/sweep.json',
    'fanin worker --redis redis://10.0.0.5:6379 --config examples/sweep.json --concurrency 4',
  ],
  async run({ options, output, signal, cwd }) {
    const { redisStorage, runWorker } = await loadSearchBullmq('fanin worker');
    const spec = readSweepFile(locateConfig(options.config, cwd, output), cwd, registry);
    const names = stageNames(spec);
    if (options.study !== undefined && !names.includes(options.study))
      throw new UsageError(
        `study "${options.study}" is not a stage of sweep "${spec.name}" (${names.map((name) => `"${name}"`).join(', ')})`,
      );
    requireWorkerModule('workers');
    const studies = options.study !== undefined ? [options.study] : names;
    // A worker with another sweep file than the controller's would mix trials: refuse it.
    const storage = await redisStorage({ url: options.redis });
    try {
      await checkSweepFingerprint(storage, studies, spec);
    } finally {
      await storage.close();
    }
    const env = workerEnvironment(spec, options.backend);
    const onTrialEnd = (report: AttemptReport) => {
      if (output.json) output.stdout.write(`${JSON.stringify(report)}\n`);
      else output.text(trialLine(report));
    };
    // One BullMQ worker per stage study: stages run one after another, so at most
    // --concurrency trials run at once.
    const summaries = await Promise.all(
      studies.map((study) =>
        runWorker({
          redisUrl: options.redis,
          study,
          concurrency: options.concurrency,
          signal,
          objective: { module: WORKER_MODULE, export: 'objective' },
          env,
          log: (line) => output.status(line),
          onTrialEnd,
        }),
      ),
    );
    const sum = total(summaries);
    output.status(
      `worker stopped: ${sum.complete} complete, ${sum.pruned} pruned, ${sum.failed} failed, ${sum.superseded} superseded, ${sum.errors} errors`,
    );
    return 0;
  },
});
