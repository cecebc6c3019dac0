/**
 * The error codes @fanin/experiments throws, added to @fanin/core's `FaninErrorCodes` (see
 * there). Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** An experiment stopped because its `signal` was aborted (`ExperimentAbortedError`). */
    EXPERIMENT_ABORTED: true;
    /** An experiment's config is valid option by option but inconsistent as a whole (`ExperimentConfigError`). */
    INVALID_EXPERIMENT_CONFIG: true;
    /** A hyperparameter search with workers > 1 needs the built worker module, which is missing. */
    WORKER_MODULE_MISSING: true;
  }
}

export {};
