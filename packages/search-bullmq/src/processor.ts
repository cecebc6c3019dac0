/**
 * The BullMQ sandboxed processor: the program each trial process of a worker runs (BullMQ
 * forks it and reuses it for one job after another). Training blocks this process's CPU,
 * not the worker's, so the worker keeps renewing the job's lock. It talks to Redis itself:
 * the journal (reports, pruning decisions against the shared study state, the result, all
 * guarded by the attempt's token) through a RedisStorage opened once per process.
 */
import { FaninError } from '@fanin/core';
import type { Objective } from '@fanin/search';
import type { SandboxedJob } from 'bullmq';
// The package's codes on FaninErrorCodes: this entry is built on its own, without index.ts.
import type {} from './error-codes.js';
import { type RedisStorage, redisStorage } from './redis-storage.js';
import { type AttemptReport, runAttempt } from './run-attempt.js';
import { moduleUrl, workerStudy } from './sweep-settings.js';
import {
  checkTrialJobData,
  type ProcessorEnvironment,
  readProcessorEnvironment,
} from './trial-job.js';

// A trial process whose worker died (kill -9) has nobody renewing its job's lock: the trial
// is retried elsewhere, so this one stops instead of running on as an orphan.
process.on('disconnect', () => process.exit(1));

let storage: Promise<RedisStorage> | undefined;

function openStorage(environment: ProcessorEnvironment): Promise<RedisStorage> {
  storage ??= redisStorage({
    url: environment.url,
    prefix: environment.prefix,
    connectTimeout: environment.connectTimeout,
  }).catch((error) => {
    storage = undefined;
    throw error;
  });
  return storage;
}

async function loadObjective(module: string, exportName: string): Promise<Objective> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(module)) as Record<string, unknown>;
  } catch (error) {
    throw new FaninError(
      'OBJECTIVE_NOT_LOADED',
      `cannot load objective module ${module}: ${(error as Error).message?.split('\n')[0]}`,
      'The module path must exist on every worker machine (or pass objective to runWorker)',
    );
  }
  const objective = loaded[exportName];
  if (typeof objective !== 'function')
    throw new FaninError(
      'OBJECTIVE_NOT_LOADED',
      `objective module ${module} has no function export "${exportName}" (exports: ${Object.keys(loaded).join(', ') || 'none'})`,
    );
  return objective as Objective;
}

/** Runs one trial job: an attempt of the trial (see `runAttempt`). */
export default async function processTrial(job: SandboxedJob): Promise<AttemptReport> {
  const environment = readProcessorEnvironment();
  const data = checkTrialJobData(job.data);
  const opened = await openStorage(environment);
  const record = await opened.getStudy(data.study);
  if (!record)
    throw new FaninError('UNKNOWN_STUDY', `no study "${data.study}" in the Redis journal`);
  const study = workerStudy(record);
  const location = environment.objective ?? study.settings.objective;
  const objective = await loadObjective(moduleUrl(location.module), location.export ?? 'default');
  return runAttempt({ storage: opened, study, objective }, data.trialId);
}
