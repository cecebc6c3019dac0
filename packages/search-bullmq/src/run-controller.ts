import { FaninError, option } from '@fanin/core';
import {
  ATTR,
  canonicalJson,
  createStudy,
  JournalOperation,
  type JsonValue,
  OPTIMIZE_SETTINGS,
  pythonTimestamp,
  resolveSettings,
  type Space,
  type StoredParam,
  type Study,
  type StudyOptions,
  type TrialRecord,
} from '@fanin/search';
import { type Job, Queue } from 'bullmq';
import { DEFAULT_CONNECT_TIMEOUT, isConnectionError } from './connection.js';
import { JournalCounterError, TrialAlreadyFinishedError } from './errors.js';
import { DEFAULT_PREFIX, queueName, trialJobId } from './keys.js';
import { errorLine, type LogLine, pause, quietLog } from './log.js';
import { resultRecords } from './outcome-records.js';
import { type RedisStorage, redisStorage } from './redis-storage.js';
import {
  type ObjectiveLocation,
  objectiveLocation,
  prunerFromConfig,
  SWEEP_ATTR,
  type SweepSettings,
} from './sweep-settings.js';
import { checkTrialJobData, type TrialJobData } from './trial-job.js';

/** Options of {@link runController}: a study's settings plus where and how to run it. */
export interface RunControllerOptions<S extends Space = Space>
  extends Omit<StudyOptions<S>, 'storage'> {
  /** `redis://host:6379`: the Redis holding the journal and the queue. */
  readonly redisUrl: string;
  /** The objective, as a module every worker can import and an export name. */
  readonly objective: ObjectiveLocation;
  /** How many trials the study should have in total (trials from earlier runs count). */
  readonly trials: number;
  /** Re-runs of a trial whose worker died or stalled before it fails for good. Default 2 (`DEFAULT_RETRIES`, as in `study.optimize`). */
  readonly retries?: number;
  /** Trials kept waiting in the queue beyond the running ones. Default 4. */
  readonly lookahead?: number;
  /** Milliseconds between looks at the journal and the queue. Default 250. */
  readonly pollInterval?: number;
  /** Key prefix of the journal and the queues. Default "fanin". */
  readonly prefix?: string;
  /** Milliseconds to reach Redis at start before failing with `RedisUnreachableError`. Default 5000. */
  readonly connectTimeout?: number;
  /** Aborting stops the controller at once; queued and running trials go on in the workers. */
  readonly signal?: AbortSignal;
  /** Called once for each trial this controller sees finish. */
  readonly onTrialEnd?: (trial: TrialRecord) => void | Promise<void>;
  /** Operational messages (lost connection, trials that failed for good). */
  readonly log?: LogLine;
}

/** Where the study stands when the controller returns. */
export interface ControllerSummary {
  /** Trials in the study, by state. */
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  /** Trials queued or running (0 unless stopped by the signal). */
  readonly unfinished: number;
  readonly total: number;
  /** Trials this run created. */
  readonly created: number;
  /** Re-runs after dead or stalled workers, over all trials (attempts - 1). */
  readonly retried: number;
  /** Whether the signal stopped it before every trial finished. */
  readonly stopped: boolean;
}

const isFinished = (trial: TrialRecord) =>
  trial.state === 'complete' || trial.state === 'pruned' || trial.state === 'failed';

/** The controller's plain settings, declared once (see `STUDY_SETTINGS` in @fanin/search). */
export const CONTROLLER_SETTINGS = {
  trials: OPTIMIZE_SETTINGS.trials,
  retries: OPTIMIZE_SETTINGS.retries,
  lookahead: option.integer({
    description: 'Trials kept waiting in the queue beyond the running ones',
    default: 4,
    min: 1,
  }),
  pollInterval: option.integer({
    description: 'Milliseconds between looks at the journal and the queue',
    default: 250,
    min: 1,
  }),
} as const;

/** The controller's work on one study: the pieces of its loop. */
class Controller {
  created = 0;
  private readonly checked = new Set<number>();

  constructor(
    readonly study: Study,
    readonly storage: RedisStorage,
    readonly queue: Queue,
    readonly settings: SweepSettings,
    readonly target: number,
    readonly log: LogLine,
  ) {}

  /** Writes a trial's parameters if some are missing (a controller died after creating it). */
  private async ensureParams(trial: TrialRecord): Promise<void> {
    const params = this.study.paramsFor(trial.number);
    const missing: Record<string, StoredParam> = {};
    for (const [name, value] of Object.entries(params))
      if (trial.params[name] !== value)
        missing[name] = { value, distribution: this.study.space[name]! };
    if (Object.keys(missing).length > 0) await this.storage.setTrialParams(trial.id, missing);
  }

  private async addJob(trial: TrialRecord): Promise<void> {
    await this.queue.add(
      'trial',
      { study: this.study.name, trialId: trial.id, number: trial.number },
      {
        jobId: trialJobId(trial.number),
        attempts: this.settings.retries + 1,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: { count: 1000 },
        removeOnFail: false,
      },
    );
  }

  /**
   * Makes sure an unfinished trial has its parameters and a job. The job's state is read
   * before the trial's (a worker records the result before completing the job), so a job
   * gone because it just completed is never added again.
   */
  async ensure(trial: TrialRecord, force: boolean): Promise<void> {
    if (this.checked.has(trial.id) && !force) return;
    await this.ensureParams(trial);
    const jobId = trialJobId(trial.number);
    const state = await this.queue.getJobState(jobId);
    if (state === 'failed') return;
    if (state === 'unknown' || state === 'completed') {
      const fresh = await this.storage.getTrial(trial.id);
      if (!isFinished(fresh)) {
        if (state === 'completed') await this.queue.remove(jobId);
        await this.addJob(fresh);
      }
    }
    this.checked.add(trial.id);
  }

  /** Creates the next trial (unless the study has its target), then its parameters and job. */
  async createNext(): Promise<boolean> {
    const created = await this.storage.backend.createTrialUpTo(this.study.id, this.target, {
      op_code: JournalOperation.CREATE_TRIAL,
      worker_id: this.storage.workerId,
      study_id: this.study.id,
      datetime_start: pythonTimestamp(),
    });
    if (!created) return false;
    const trial = (await this.study.trials())[created.number];
    if (!trial || trial.number !== created.number)
      throw new JournalCounterError(
        `the counter gave trial number ${created.number}, the journal has ${trial ? `number ${trial.number}` : 'no such trial'}`,
      );
    this.created++;
    await this.ensure(trial, true);
    return true;
  }

  /**
   * How many times a trial was really started: the attempt number its last attempt
   * journaled, or, if no attempt ever started (the objective could not be loaded), how many
   * times BullMQ ran the job. BullMQ's own `attemptsStarted` also counts a stalled job's
   * move back to the queue, so it over-counts a killed worker.
   */
  private async attemptsOf(trialId: number, job: Job<TrialJobData>): Promise<number> {
    const journaled = (await this.storage.getTrial(trialId)).systemAttrs[ATTR.attempt];
    if (typeof journaled === 'number' && journaled >= 1) return journaled;
    return Math.max(1, job.attemptsMade);
  }

  /** Records as failed the trials whose job BullMQ gave up on (every retry died or stalled). */
  async recordFailedJobs(): Promise<void> {
    for (const job of (await this.queue.getFailed(0, 99)) as Job<TrialJobData>[]) {
      if (!job) continue;
      let data: TrialJobData;
      try {
        data = checkTrialJobData(job.data);
      } catch (error) {
        this.log(`removing job ${job.id}: ${errorLine(error)}`);
        await job.remove();
        continue;
      }
      const attempts = await this.attemptsOf(data.trialId, job);
      const reason = `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${job.failedReason}`;
      try {
        await this.storage.backend.append(
          resultRecords(this.storage.workerId, data.trialId, {
            state: 'failed',
            value: undefined,
            reason,
          }),
        );
        this.log(`trial ${data.number} failed: ${reason}`);
      } catch (error) {
        if (!(error instanceof TrialAlreadyFinishedError)) throw error;
      }
      await job.remove();
    }
  }

  async waiting(): Promise<number> {
    return this.queue.getJobCountByTypes('wait', 'prioritized', 'delayed');
  }
}

/**
 * Runs a study's sweep on Redis until it has `trials` finished trials: creates the study
 * (or resumes the one of that name, checking its settings as `createStudy` does), stores
 * what workers need (objective, pruner, retries), and keeps the study's BullMQ queue filled
 * with trials. Workers (`runWorker`, on any machine) run them and record their results.
 * The controller keeps nothing in memory that matters: its state is the journal and the
 * queue in Redis, so a controller killed and started again continues where it was, with no
 * trial lost or created twice. Trial k's parameters are a function of (seed, k) only: the
 * same as a local `study.optimize` with the same seed. The CLI's `fanin sweep --redis`.
 *
 * ```ts
 * const summary = await runController({
 *   redisUrl: 'redis://10.0.0.5:6379', name: 'mlp', seed: 7, epochs: 3, trials: 200,
 *   space: { learningRate: logUniform(1e-5, 1), batchSize: categorical([32, 64, 128]) },
 *   pruner: median(), objective: { module: './objective.js', export: 'objective' },
 * });
 * ```
 */
export async function runController<const S extends Space>(
  options: RunControllerOptions<S>,
): Promise<ControllerSummary> {
  if (!options) throw new FaninError('INVALID_OPTION', 'runController needs options');
  const { trials, retries, lookahead, pollInterval } = resolveSettings(
    CONTROLLER_SETTINGS,
    options,
    'runController',
  );
  const objective = objectiveLocation(options.objective);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const log = quietLog(options.log);
  const signal = options.signal;
  const studyOptions: StudyOptions<S> = {
    space: options.space,
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.direction === undefined ? {} : { direction: options.direction }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.sampler === undefined ? {} : { sampler: options.sampler }),
    ...(options.pruner === undefined ? {} : { pruner: options.pruner }),
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    ...(options.parent === undefined ? {} : { parent: options.parent }),
    ...(options.fingerprint === undefined ? {} : { fingerprint: options.fingerprint }),
  };
  const storage = await redisStorage({
    url: options.redisUrl,
    prefix,
    connectTimeout: options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT,
    onConnectionError: (error) => log(`redis: ${errorLine(error)}`),
  });
  let queue: Queue | undefined;
  try {
    const study = (await createStudy({ ...studyOptions, storage })) as unknown as Study;
    const settings: SweepSettings = {
      version: 1,
      objective,
      pruner: (study.pruner?.config ?? null) as SweepSettings['pruner'],
      retries,
    };
    prunerFromConfig(settings.pruner);
    const stored = (await storage.getStudy(study.name))?.systemAttrs[SWEEP_ATTR];
    if (canonicalJson(stored) !== canonicalJson(settings))
      await storage.setStudySystemAttr(study.id, SWEEP_ATTR, settings as unknown as JsonValue);
    const target = Math.min(
      trials,
      study.sampler.capacity?.(study.space) ?? Number.POSITIVE_INFINITY,
    );
    queue = new Queue(queueName(study.name), {
      connection: { ...storage.target.options },
      prefix,
    });
    queue.on('error', (error: Error) => log(`queue: ${errorLine(error)}`));
    const controller = new Controller(study, storage, queue, settings, target, log);
    const existing = await study.trials();
    log(
      `study "${study.name}" on ${storage.target.display}: ${existing.filter(isFinished).length} of ${target} trials finished; ` +
        `workers: fanin worker --redis ${storage.target.display} --config <sweep file> --study ${JSON.stringify(study.name)}`,
    );
    const seen = new Set<number>();
    let first = true;
    let lastAudit = Date.now();
    let snapshot: TrialRecord[] = [];
    for (;;) {
      try {
        snapshot = await study.trials();
        for (const trial of snapshot) {
          if (!isFinished(trial) || seen.has(trial.id)) continue;
          seen.add(trial.id);
          if (!first) await options.onTrialEnd?.(trial);
        }
        first = false;
        await controller.recordFailedJobs();
        const audit = Date.now() - lastAudit > 20 * pollInterval;
        if (audit) lastAudit = Date.now();
        for (const trial of snapshot) if (!isFinished(trial)) await controller.ensure(trial, audit);
        if (!signal?.aborted) {
          let room = lookahead - (await controller.waiting());
          let count = snapshot.length;
          while (room-- > 0 && count < target && (await controller.createNext())) count++;
        }
        const done = snapshot.length >= target && snapshot.every(isFinished);
        if (done) break;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        log(`redis: ${errorLine(error)} (retrying)`);
      }
      if (signal?.aborted) break;
      await pause(pollInterval, signal);
    }
    const final = await study.trials();
    const count = (state: TrialRecord['state']) => final.filter((t) => t.state === state).length;
    return {
      complete: count('complete'),
      pruned: count('pruned'),
      failed: count('failed'),
      unfinished: final.filter((t) => !isFinished(t)).length,
      total: final.length,
      created: controller.created,
      retried: final.reduce((sum, t) => sum + t.attempt - 1, 0),
      stopped: !(final.length >= target && final.every(isFinished)),
    };
  } finally {
    await queue?.close();
    await storage.close();
  }
}
