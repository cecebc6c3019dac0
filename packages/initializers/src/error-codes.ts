/**
 * The error codes @fanin/initializers throws, added to @fanin/core's `FaninErrorCodes` (see
 * there). Referenced by src/index.ts so the declaration ships in dist/index.d.ts.
 */
declare module '@fanin/core' {
  interface FaninErrorCodes {
    /** An activation's metadata reports a gain that is not a finite number > 0. */
    INVALID_METADATA: true;
    /** An activation declares no gain in its metadata, so no initializer can be fitted to it. */
    MISSING_METADATA: true;
    /** A pretrained initializer got a parameter without a name (a layer without a path) to look up. */
    MISSING_NAME: true;
    /** A pretrained weights file has no tensor under the parameter's name. */
    MISSING_WEIGHT: true;
    /** A pretrained initializer was given a "path" in a runtime without Node.js's file system. */
    NO_FILESYSTEM: true;
    /** A pretrained initializer's weights file cannot be read. */
    UNREADABLE_FILE: true;
  }
}

export {};
