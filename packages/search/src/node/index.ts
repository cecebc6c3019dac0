/**
 * @fanin/search/node: the parts of @fanin/search that need Node. The durable journal file
 * (the embedded default storage), the worker-process pool, and the throughput benchmark.
 */

export { sweepThroughput, type ThroughputOptions, type ThroughputResult } from './bench.js';
export {
  FileJournalBackend,
  type JournalFileOptions,
  JournalLockedError,
  journalStorage,
} from './journal-storage.js';
export { FILE_SYSTEM_REASONS, JournalWriteError } from './journal-write-error.js';
export { ProcessPool, type ProcessPoolOptions, processPool } from './process-pool.js';
