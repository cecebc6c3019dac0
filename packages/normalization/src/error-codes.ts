/**
 * The error codes @fanin/normalization throws, added to @fanin/core's `FaninErrorCodes` (see
 * there). Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** Statistics were asked of one value per channel (batch norm on batch size 1, instance norm on 1x1): `BatchTooSmallError`. */
    BATCH_TOO_SMALL: true;
    /** Two options that say the same thing in different conventions were both given (`momentum` and `decay`): `ConflictingOptionsError`. */
    CONFLICTING_OPTIONS: true;
  }
}

export {};
