/**
 * The error codes the docs site's demos throw, added to @fanin/core's `FaninErrorCodes` (see
 * there). The site's tsconfig includes this file, so the codes are known to every page's code.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** The sweep viewer was given a file that is not a sweep's journal (empty, or a line that is not JSON). */
    INVALID_JOURNAL: true;
    /** The sweep viewer's storage was asked to write: it only reads journals. */
    READ_ONLY: true;
  }
}

export {};
