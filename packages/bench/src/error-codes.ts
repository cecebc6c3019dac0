/**
 * The error codes @fanin/bench throws, added to @fanin/core's `FaninErrorCodes` (see there).
 * Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** A command-line argument of the suite is unknown or has a bad value (`BenchArgumentError`). */
    INVALID_ARGUMENT: true;
  }
}

export {};
