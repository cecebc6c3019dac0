/**
 * The error codes @fanin/search throws, added to @fanin/core's `FaninErrorCodes` (see there).
 * Referenced by src/index.ts (which src/node/index.ts imports by name) so the declaration ships in
 * dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** A trial attribute has an empty key or a value that is not JSON data. */
    INVALID_ATTRIBUTE: true;
    /** `refine` got limits that leave no range around the top trials. */
    INVALID_LIMITS: true;
    /** A trial reported a step that is not an integer >= 0, or a value that is not a number. */
    INVALID_REPORT: true;
    /** A search space is malformed; the message names the path (`InvalidSpaceError`). */
    INVALID_SPACE: true;
    /** A trial suggested a parameter of the study's space, or one again with another distribution. */
    INVALID_SUGGEST: true;
    /** A journal file has a line that is not a journal record (`JournalCorruptError`). */
    JOURNAL_CORRUPT: true;
    /** A journal is held by another process, or already open in this one. */
    JOURNAL_LOCKED: true;
    /** A journal path cannot be resolved (too many levels of symbolic links). */
    JOURNAL_PATH: true;
    /** A journal could not be opened or written (disk full, permissions): `JournalWriteError`. */
    JOURNAL_WRITE: true;
    /** A stored study has no fanin settings: another tool (Optuna) wrote it. */
    NOT_A_FANIN_STUDY: true;
    /** `refine` needs at least one completed trial. */
    NO_TRIALS: true;
    /** A `processPool` was used after it was closed. */
    POOL_CLOSED: true;
    /** A sampler that draws from history was asked for a trial whose history is not finished. */
    SAMPLER_HISTORY_NOT_FINISHED: true;
    /** The TPE sampler was asked to sample without the history of finished trials. */
    SAMPLER_NEEDS_HISTORY: true;
    /** The Sobol sampler was asked for more dimensions than it has direction numbers for. */
    SOBOL_DIMENSIONS: true;
    /** A Sobol point index is not an integer in [0, 2^32). */
    SOBOL_INDEX: true;
    /** A storage was written after it was closed. */
    STORAGE_CLOSED: true;
    /** A study exists in the storage with other settings (space, seed, pruner ...) than given (`StudyMismatchError`). */
    STUDY_MISMATCH: true;
    /** A trial was told its result after it had finished. */
    TRIAL_FINISHED: true;
    /** Thrown inside an objective to stop its trial as pruned (`TrialPruned`). */
    TRIAL_PRUNED: true;
    /** An Optuna journal holds a distribution fanin does not read. */
    UNKNOWN_DISTRIBUTION: true;
    /** A sampler config names a sampler that is not built in. */
    UNKNOWN_SAMPLER: true;
    /** A study was asked for that the storage does not hold. */
    UNKNOWN_STUDY: true;
    /** A trial id was asked for that the storage (or the study) does not hold. */
    UNKNOWN_TRIAL: true;
  }
}

export {};
