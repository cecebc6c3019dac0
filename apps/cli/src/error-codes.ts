/**
 * The error codes the `fanin` command throws, added to @fanin/core's `FaninErrorCodes` (see
 * there). Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** The disk or file system refused a write (full, read-only, no permission): `FileSystemError`, exit code 1. */
    FILE_SYSTEM: true;
    /** A config file is missing, unreadable, malformed JSON or against its schema (`ConfigFileError`). */
    INVALID_CONFIG_FILE: true;
    /** A sweep's parameter path is not a config path, or matches nothing in the config. */
    INVALID_PATH: true;
    /** A command needs an optional peer dependency (bullmq, ioredis, mnist, @fanin/bench) that is not installed. */
    MISSING_PACKAGE: true;
    /** A model or a batch is too big to train on this machine (`ModelTooLargeError`), exit code 2. */
    MODEL_TOO_LARGE: true;
    /** The sweep worker module ran without FANIN_SWEEP set (outside a `fanin sweep` worker). */
    NO_SWEEP: true;
    /** An output path cannot be written (a file where a directory should be): `OutputPathError`, exit code 2. */
    OUTPUT_NOT_WRITABLE: true;
    /** `fanin dashboard`'s storage was asked to write: it only reads journals. */
    READ_ONLY_JOURNAL: true;
    /** A run went through but did not succeed (a failed sanity check, a broken benchmark): `RunFailedError`, exit code 1. */
    RUN_FAILED: true;
    /** An experiment was asked for (`experimentEntry`) that is not one of those `fanin experiments` runs. */
    UNKNOWN_EXPERIMENT: true;
    /** A command line the CLI cannot run (unknown command or option, bad value): `UsageError`, exit code 2. */
    USAGE: true;
  }
}

export {};
