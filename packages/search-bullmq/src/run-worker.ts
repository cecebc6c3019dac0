import { hostname } from 'node:os';
import { describeValue, FaninError } from '@fanin/core';
import type { Job } from 'bullmq';
import { DEFAULT_CONNECT_TIMEOUT } from './connection.js';
import { DEFAULT_PREFIX, queueName } from './keys.js';
import { errorLine, type LogLine, pause, quietLog } from './log.js';
import { processorFile } from './processor-file.js';
import { redisStorage } from './redis-storage.js';
import type { AttemptReport } from './run-attempt.js';
import {
  moduleUrl,
  type ObjectiveLocation,
  SWEEP_ATTR,
  type SweepSettings,
  workerStudy,
} from './sweep-settings.js';
import { processorEnvironmentVariables, type TrialJobData } from './trial-job.js';
import { TrialWorker } from './trial-worker.js';

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  /** `redis://host:6379`: the controller's Redis. */
  readonly redisUrl: string;
  /** The study to work for (its queue and objective are found by name). */
  readonly study: string;
  /** Trials run at once, each in its own process. Default 1 (one per core is the most useful). */
  readonly concurrency?: number;
  /** Aborting stops taking trials; the running ones finish and are recorded, then it resolves. */
  readonly signal?: AbortSignal;
  /** Key prefix, the same as the controller's. Default "fanin". */
  readonly prefix?: string;
  /**
   * The objective on this machine, when its path differs from the one the controller
   * stored (a checkout in another directory). Default: the study's.
   */
  readonly objective?: ObjectiveLocation;
  /** Node flags of the trial processes (`['--import', 'tsx']` for a TypeScript objective). Default none. */
  readonly execArgv?: readonly string[];
  /** Extra environment variables of the trial processes. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Milliseconds a trial's lock lasts without renewal (renewed every half of it while the
   * trial runs). A worker silent for this long is presumed dead and its trial is re-run.
   * Default 30000.
   */
  readonly lockDuration?: number;
  /** Milliseconds between checks for trials whose worker died. Default 30000. */
  readonly stalledInterval?: number;
  /** Milliseconds to reach Redis at start before failing with `RedisUnreachableError`. Default 5000. */
  readonly connectTimeout?: number;
  /** Wait for the study to be created by its controller (default true), or fail at once. */
  readonly waitForStudy?: boolean;
  /** Operational messages (waiting for the study, lost connections, failed attempts). */
  readonly log?: LogLine;
  /** Called in this process after each trial job this worker ran. */
  readonly onTrialEnd?: (report: AttemptReport) => void;
}

/** What a worker did, by how its attempts ended. */
export interface WorkerSummary {
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  /** Trials already finished when their job reached this worker (nothing ran). */
  readonly finished: number;
  /** Attempts that lost their trial to a newer attempt (their result was discarded). */
  readonly superseded: number;
  /** Jobs that threw (Redis lost, objective not loadable): BullMQ retries them. */
  readonly errors: number;
}

function checkPositive(name: string, value: number | undefined, fallback: number): number {
  const result = value ?? fallback;
  if (typeof result !== 'number' || !Number.isInteger(result) || result < 1)
    throw new FaninError(
      'INVALID_OPTION',
      `runWorker: ${name} must be an integer >= 1, got ${describeValue(result)}`,
    );
  return result;
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Runs a worker for a study until `signal` aborts: pulls the study's trial jobs from its
 * BullMQ queue and runs each in a sandboxed child process (BullMQ keeps renewing the job's
 * lock from this process while the trial trains). Trials report to the Redis journal and
 * obey the study's pruner; results are recorded with a compare-and-set, so a trial re-run
 * after this worker stalled is recorded once. Start any number of workers on any machines
 * that reach the Redis: the CLI's `fanin worker --redis redis://host:6379 --study NAME`.
 *
 * ```ts
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort());
 * await runWorker({ redisUrl: 'redis://10.0.0.5:6379', study: 'mlp', concurrency: 2, signal: stop.signal });
 * ```
 */
export async function runWorker(options: RunWorkerOptions): Promise<WorkerSummary> {
  if (!options || typeof options.study !== 'string' || options.study.length === 0)
    throw new FaninError('INVALID_OPTION', 'runWorker: "study" (the study name) is required');
  const concurrency = checkPositive('concurrency', options.concurrency, 1);
  const lockDuration = checkPositive('lockDuration', options.lockDuration, 30_000);
  const stalledInterval = checkPositive('stalledInterval', options.stalledInterval, 30_000);
  const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const log = quietLog(options.log);
  const signal = options.signal;
  const storage = await redisStorage({
    url: options.redisUrl,
    prefix,
    connectTimeout,
    onConnectionError: (error) => log(`redis: ${errorLine(error)}`),
  });
  let settings: SweepSettings | undefined;
  try {
    let waiting = false;
    while (!signal?.aborted) {
      const record = await storage.getStudy(options.study);
      if (record?.systemAttrs[SWEEP_ATTR] !== undefined) {
        settings = workerStudy(record).settings;
        break;
      }
      if (options.waitForStudy === false)
        throw new FaninError(
          'UNKNOWN_STUDY',
          `no distributed study "${options.study}" in ${storage.target.display}`,
          'Start its controller first (runController / fanin sweep --redis)',
        );
      if (!waiting) {
        const others = (await storage.listStudies())
          .filter((study) => study.name !== options.study)
          .map((study) => `"${study.name}"`);
        log(
          record
            ? `waiting for the controller of study "${options.study}" to store its settings`
            : `waiting for study "${options.study}" in ${storage.target.display}` +
                (others.length > 0 ? ` (it has ${others.join(', ')})` : ''),
        );
        waiting = true;
      }
      await pause(500, signal);
    }
  } finally {
    await storage.close();
  }
  const summary = { complete: 0, pruned: 0, failed: 0, finished: 0, superseded: 0, errors: 0 };
  if (!settings) return summary;

  const objective = options.objective
    ? { module: moduleUrl(options.objective.module), export: options.objective.export ?? 'default' }
    : undefined;
  const worker = new TrialWorker(queueName(options.study), processorFile(), {
    connection: { ...storage.target.options },
    prefix,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount: settings.retries,
    name: `${hostname()}:${process.pid}`,
    workerForkOptions: {
      execArgv: [...(options.execArgv ?? [])],
      env: {
        ...process.env,
        ...options.env,
        ...processorEnvironmentVariables({
          url: options.redisUrl,
          prefix,
          connectTimeout,
          objective,
        }),
      },
    },
  });
  worker.onReport = (report) => {
    summary[report.state]++;
    if (report.state === 'superseded')
      log(`trial ${report.number} attempt ${report.attempt}: ${report.reason}`);
    options.onTrialEnd?.(report);
  };
  worker.on('failed', (job: Job<TrialJobData> | undefined, error: Error) => {
    summary.errors++;
    const which = job ? `trial ${job.data.number}` : 'a trial';
    log(`${which}: ${errorLine(error)} (BullMQ attempt ${job?.attemptsMade ?? '?'})`);
  });
  worker.on('error', (error: Error) => log(`worker: ${errorLine(error)}`));
  log(
    `worker ${hostname()}:${process.pid} serving study "${options.study}" on ${storage.target.display} (${concurrency} at a time)`,
  );
  await aborted(signal);
  await worker.close();
  return summary;
}
