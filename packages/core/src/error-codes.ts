/**
 * The codes a `FaninError` can carry, one key each. A code is part of the public API: callers
 * branch on `error.code`, so a code is renamed only in a breaking release.
 *
 * Every package declares the codes it throws in its own `src/error-codes.ts`, by augmenting
 * this interface (the value is always `true`; a doc comment on each key says when the code is
 * thrown, here shown as a line comment):
 *
 * ```ts
 * declare module '@fanin/core' {
 *   interface FaninErrorCodes {
 *     // A trial was asked for that the storage does not hold.
 *     UNKNOWN_TRIAL: true;
 *   }
 * }
 * ```
 *
 * and references that file from its `src/index.ts` with `export type {} from './error-codes.js';`
 * (type only, so bundlers see no side-effect import), so the augmentation ships in the package's
 * dist/index.d.ts and its codes are known wherever the package is imported. A code that no
 * imported package declares is a type error.
 */
export interface FaninErrorCodes {
  /** A backend was requested whose package is not installed or failed to initialize. */
  BACKEND_UNAVAILABLE: true;
  /** An object (an optimizer) was used after `dispose()`. */
  DISPOSED: true;
  /** Two metrics of a fit share a name, or one is named "loss". */
  DUPLICATE_METRIC: true;
  /** A module added a parameter or child under a name it already uses. */
  DUPLICATE_NAME: true;
  /** Two plugins provide the same entry of a kind, or a plugin is registered twice. */
  DUPLICATE_PLUGIN: true;
  /** A file to read (a weights file) does not exist. */
  FILE_NOT_FOUND: true;
  /** A registry was changed after `createRegistry` froze it. */
  FROZEN_REGISTRY: true;
  /** A registry config (an entry's name or `{ type, ...options }`) has the wrong form. */
  INVALID_CONFIG: true;
  /** Training data is not `{ x, y }` with tensors. */
  INVALID_DATA: true;
  /** An optimizer's learning rate is not a finite number >= 0. */
  INVALID_LEARNING_RATE: true;
  /** A metric is neither a known name nor an object `{ name, compute }`. */
  INVALID_METRIC: true;
  /** A model config (layers, shapes, residual blocks) does not validate; the message names its path. */
  INVALID_MODEL_CONFIG: true;
  /** An option value does not match its schema (`InvalidOptionError`), or a call's option is out of range. */
  INVALID_OPTION: true;
  /** A plugin is malformed (no name, an unknown key, an entry without `create`) or `createRegistry` got none. */
  INVALID_PLUGIN: true;
  /** A safetensors file is truncated, corrupt or holds a dtype fanin does not read. */
  INVALID_SAFETENSORS: true;
  /** A weights file lacks a tensor the model has. */
  MISSING_WEIGHTS: true;
  /** Something that needs Node.js (file system access) ran in a browser. */
  NODE_ONLY: true;
  /** A model was saved or loaded before it was built, so it has no parameters yet. */
  NOT_BUILT: true;
  /** Gradients were asked for over no parameters. */
  NO_PARAMETERS: true;
  /** Input data or a configuration has the wrong shape or content (`ShapeError`). */
  SHAPE_MISMATCH: true;
  /** A weights file holds a tensor the model does not have. */
  UNEXPECTED_WEIGHTS: true;
  /** A backend name outside `BACKENDS` was asked for. */
  UNKNOWN_BACKEND: true;
  /** A registry lookup named an entry no plugin provides (`UnknownEntryError`). */
  UNKNOWN_ENTRY: true;
  /** A registry call named a kind that does not exist. */
  UNKNOWN_KIND: true;
  /** A metric name no metric has. */
  UNKNOWN_METRIC: true;
  /** An entry or a call got an option it does not declare. */
  UNKNOWN_OPTION: true;
}

/** A code a `FaninError` can carry: a key of `FaninErrorCodes` (core's and every package's). */
export type FaninErrorCode = keyof FaninErrorCodes;
