/**
 * @fanin/search-bullmq: distributed fanin sweeps on Redis with BullMQ. A stateless
 * controller keeps a study's queue filled; workers on any machine run trials in sandboxed
 * processes; the study's journal lives in the same Redis, written with compare-and-set so
 * every trial is recorded exactly once however often it runs. Node only.
 * This file is the package's table of contents.
 */
// Entry points (the CLI's `fanin sweep --redis` and `fanin worker`)
export {
  type ControllerSummary,
  type RunControllerOptions,
  runController,
} from './run-controller.js';
export { type RunWorkerOptions, runWorker, type WorkerSummary } from './run-worker.js';
export type { AttemptReport } from './run-attempt.js';
export type { ObjectiveLocation, SweepSettings } from './sweep-settings.js';

// Storage: the journal in Redis
export { RedisStorage, type RedisStorageOptions, redisStorage } from './redis-storage.js';
export { type Attempt, RedisJournalBackend } from './redis-journal-backend.js';
export { DEFAULT_PREFIX, type JournalKeys, journalKeys, queueName, trialJobId } from './keys.js';

// Connections
export { DEFAULT_CONNECT_TIMEOUT, pingRedis } from './connection.js';
export { parseRedisUrl, type RedisConnectionOptions, type RedisTarget } from './redis-url.js';

// Errors
export {
  AttemptSupersededError,
  InvalidRedisUrlError,
  JournalCounterError,
  RedisUnreachableError,
  TrialAlreadyFinishedError,
} from './errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
