/**
 * The error codes @fanin/search-bullmq throws, added to @fanin/core's `FaninErrorCodes` (see
 * there); it also throws @fanin/search's (UNKNOWN_STUDY, UNKNOWN_TRIAL, TRIAL_FINISHED,
 * NOT_A_FANIN_STUDY), which that package declares. Referenced by src/index.ts so the declaration
 * ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** A newer attempt of the trial started elsewhere (this worker stalled past its lock), so this one's writes are refused (`AttemptSupersededError`). */
    ATTEMPT_SUPERSEDED: true;
    /** A job on a study queue is not a fanin trial job. */
    INVALID_JOB: true;
    /** A Redis URL does not parse. */
    INVALID_REDIS_URL: true;
    /** The Redis journal and its trial counter disagree. */
    JOURNAL_COUNTER: true;
    /** A trial job found the trial without a value for a parameter of the space. */
    MISSING_PARAMS: true;
    /** A study was not started by a distributed controller. */
    NOT_A_DISTRIBUTED_STUDY: true;
    /** The trial processor ran outside a process started by `runWorker`. */
    NOT_A_WORKER: true;
    /** A worker could not load the objective module, or it has no such function export. */
    OBJECTIVE_NOT_LOADED: true;
    /** The built trial processor file is missing next to the package. */
    PROCESSOR_MISSING: true;
    /** Redis cannot be reached at the given URL. */
    REDIS_UNREACHABLE: true;
    /** A study's pruner config cannot be recreated on workers. */
    UNKNOWN_PRUNER: true;
  }
}

export {};
