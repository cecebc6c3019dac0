import { FaninError, hashSeed } from '@fanin/core';
import {
  ATTR,
  inProcess,
  type Objective,
  type Params,
  TrialController,
  type TrialJob,
} from '@fanin/search';
import { AttemptChannel } from './attempt-channel.js';
import { AttemptSupersededError } from './errors.js';
import { type RecordedResult, resultOf, resultRecords } from './outcome-records.js';
import type { RedisStorage } from './redis-storage.js';
import type { WorkerStudy } from './sweep-settings.js';

/** What one attempt of a trial needs. */
export interface AttemptContext {
  readonly storage: RedisStorage;
  readonly study: WorkerStudy;
  readonly objective: Objective;
}

/** How one attempt ended, as a worker reports it (and BullMQ stores as the job's result). */
export interface AttemptReport {
  readonly study: string;
  readonly trialId: number;
  readonly number: number;
  /** 0 when the trial was already finished before this attempt could start. */
  readonly attempt: number;
  /**
   * complete, pruned, failed: this attempt recorded the trial's result. "finished": the trial
   * already had its result (nothing ran). "superseded": a newer attempt owns the trial, so
   * this one's result was discarded.
   */
  readonly state: RecordedResult['state'] | 'finished' | 'superseded';
  readonly value?: number;
  readonly reason?: string;
  /** The `worker_id` of the records written (`host:pid` of the trial process). */
  readonly worker: string;
}

/**
 * Runs one attempt of a trial in this process: takes the trial over with a new token, runs
 * the objective with a trial whose reports go to the Redis journal (refused once another
 * attempt takes over) and whose `shouldPrune()` asks the study's pruner about the shared
 * study state, then records the result with a compare-and-set: it is written only if this
 * attempt still owns the trial and no result was recorded before. Redis failures are
 * thrown (BullMQ retries the job) rather than recorded as the trial's failure.
 */
export async function runAttempt(context: AttemptContext, trialId: number): Promise<AttemptReport> {
  const { storage, study } = context;
  const backend = storage.backend;
  const created = await storage.getTrial(trialId);
  if (created.studyId !== study.record.id)
    throw new FaninError(
      'UNKNOWN_TRIAL',
      `trial id ${trialId} is not in study "${study.record.name}"`,
    );
  const base = {
    study: study.record.name,
    trialId,
    number: created.number,
    worker: storage.workerId,
  };
  const claimed = await backend.beginAttempt(trialId);
  if (!claimed) return { ...base, attempt: 0, state: 'finished' };
  const { attempt } = claimed;
  const reportBase = { ...base, attempt };
  try {
    await storage.setTrialSystemAttr(trialId, ATTR.attempt, attempt);
    if (attempt > 1) await storage.setTrialSystemAttr(trialId, ATTR.crashes, attempt - 1);
    const trial = await storage.getTrial(trialId);
    const params: Params = {};
    for (const name of Object.keys(study.space)) {
      if (!(name in trial.params))
        throw new FaninError(
          'MISSING_PARAMS',
          `trial ${trial.number} of study "${study.record.name}" has no value for "${name}" yet`,
        );
      params[name] = trial.params[name]!;
    }
    const job: TrialJob = {
      studyName: study.record.name,
      trialId,
      number: trial.number,
      attempt,
      params,
      epochs: study.epochs,
      seed: hashSeed(study.seed, trial.number, 'trial'),
      direction: study.record.direction,
    };
    const controller = new TrialController(
      {
        storage,
        studyId: study.record.id,
        direction: study.record.direction,
        space: study.space,
        seed: study.seed,
        pruner: study.pruner,
      },
      trialId,
      trial.number,
    );
    const channel = new AttemptChannel(controller);
    const outcome = await inProcess(context.objective).run(job, channel);
    if (channel.superseded)
      return { ...reportBase, state: 'superseded', reason: channel.superseded.message };
    if (channel.storageError !== undefined) throw channel.storageError;
    if (outcome.kind === 'crashed') throw new Error(outcome.reason);
    const result = resultOf(await storage.getTrial(trialId), outcome, controller.pruneReason);
    try {
      await backend.append(resultRecords(storage.workerId, trialId, result));
    } catch (error) {
      if (error instanceof AttemptSupersededError)
        return { ...reportBase, state: 'superseded', reason: error.message };
      throw error;
    }
    await storage.sync();
    return {
      ...reportBase,
      state: result.state,
      ...(result.value === undefined ? {} : { value: result.value }),
      ...(result.reason === undefined ? {} : { reason: result.reason }),
    };
  } catch (error) {
    if (error instanceof AttemptSupersededError)
      return { ...reportBase, state: 'superseded', reason: error.message };
    throw error;
  } finally {
    backend.endAttempt(trialId);
  }
}
