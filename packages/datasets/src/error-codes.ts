/**
 * The error codes @fanin/datasets throws, added to @fanin/core's `FaninErrorCodes` (see there).
 * Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** The "mnist" package is installed but could not be loaded or holds unexpected data. */
    DATASET_UNAVAILABLE: true;
    /** A numeric routine got an argument it cannot work on (a non-finite matrix entry, a bad size). */
    INVALID_ARGUMENT: true;
    /** A file or buffer is not a well-formed IDX array, or not the one expected (`IdxFormatError`). */
    INVALID_IDX: true;
    /** `splitDataset` was asked for parts that are malformed or larger than the dataset. */
    INVALID_SPLIT: true;
    /** A preprocessor's saved state (`toJSON()`) is of another type or has malformed fields. */
    INVALID_STATE: true;
    /** An optional peer dependency ("mnist") is not installed. */
    MISSING_PACKAGE: true;
    /** An iterative routine (the symmetric eigensolver behind PCA and ZCA) did not converge. */
    NOT_CONVERGED: true;
    /** A preprocessor was used before `fit()`. */
    NOT_FITTED: true;
    /** The runtime lacks what a loader needs (Node.js's file system, `DecompressionStream`). */
    UNSUPPORTED_RUNTIME: true;
  }
}

export {};
