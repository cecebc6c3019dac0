import { FaninError } from '@fanin/core';
import type { ObjectiveLocation } from './sweep-settings.js';

/** The data of a BullMQ trial job: which trial to run (everything else is in the journal). */
export interface TrialJobData {
  readonly study: string;
  /** Storage-wide trial id. */
  readonly trialId: number;
  /** The trial's number in its study (for humans reading the queue). */
  readonly number: number;
}

/** How the worker process tells its sandboxed trial processes where to connect. */
export interface ProcessorEnvironment {
  readonly url: string;
  readonly prefix: string;
  readonly connectTimeout: number;
  /** This worker's override of the study's objective. */
  readonly objective: ObjectiveLocation | undefined;
}

const ENV = {
  url: 'FANIN_BULLMQ_REDIS_URL',
  prefix: 'FANIN_BULLMQ_PREFIX',
  connectTimeout: 'FANIN_BULLMQ_CONNECT_TIMEOUT',
  objective: 'FANIN_BULLMQ_OBJECTIVE',
} as const;

/** The variables that pass a {@link ProcessorEnvironment} to the forked processes. */
export function processorEnvironmentVariables(
  environment: ProcessorEnvironment,
): Record<string, string> {
  return {
    [ENV.url]: environment.url,
    [ENV.prefix]: environment.prefix,
    [ENV.connectTimeout]: String(environment.connectTimeout),
    ...(environment.objective
      ? {
          [ENV.objective]: JSON.stringify({
            module: String(environment.objective.module),
            export: environment.objective.export ?? 'default',
          }),
        }
      : {}),
  };
}

/** Reads the {@link ProcessorEnvironment} in a trial process. */
export function readProcessorEnvironment(
  env: Record<string, string | undefined> = process.env,
): ProcessorEnvironment {
  const url = env[ENV.url];
  if (!url)
    throw new FaninError(
      'NOT_A_WORKER',
      `${ENV.url} is not set: the trial processor runs in processes started by runWorker`,
    );
  const objective = env[ENV.objective];
  return {
    url,
    prefix: env[ENV.prefix] ?? 'fanin',
    connectTimeout: Number(env[ENV.connectTimeout] ?? 5000),
    objective: objective ? (JSON.parse(objective) as ObjectiveLocation) : undefined,
  };
}

/** Checks the shape of a job's data (a job added by something else fails clearly). */
export function checkTrialJobData(data: unknown): TrialJobData {
  const job = data as Partial<TrialJobData> | null;
  if (
    !job ||
    typeof job.study !== 'string' ||
    typeof job.trialId !== 'number' ||
    typeof job.number !== 'number'
  )
    throw new FaninError(
      'INVALID_JOB',
      `not a fanin trial job: ${JSON.stringify(data)}`,
      'Only runController adds jobs to a study queue',
    );
  return job as TrialJobData;
}
