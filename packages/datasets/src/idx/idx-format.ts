import { FaninError } from '@fanin/core';

/** Element types of the IDX format (LeCun's MNIST files), by their type byte. */
export const IDX_TYPES = {
  uint8: { code: 0x08, bytes: 1 },
  int8: { code: 0x09, bytes: 1 },
  int16: { code: 0x0b, bytes: 2 },
  int32: { code: 0x0c, bytes: 4 },
  float32: { code: 0x0d, bytes: 4 },
  float64: { code: 0x0e, bytes: 8 },
} as const;

export type IdxType = keyof typeof IDX_TYPES;

/** An n-dimensional array read from or written to an IDX file; `data` is row-major. */
export interface IdxArray {
  readonly type: IdxType;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/** A file or buffer that is not a well-formed IDX array, or not the one expected. */
export class IdxFormatError extends FaninError {
  /** The file name or description of the data. */
  readonly source: string;

  constructor(source: string, message: string, hint?: string) {
    super('INVALID_IDX', `${source}: ${message}`, hint);
    this.source = source;
  }
}
