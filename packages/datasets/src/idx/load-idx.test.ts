import { describe, expect, it } from 'vitest';
import { encodeIdx } from './encode-idx.js';
import { IDX_TYPES, type IdxArray, IdxFormatError, type IdxType } from './idx-format.js';
import { loadIdx } from './load-idx.js';

/** A 2-image, 2 x 3 uint8 images file written byte by byte from the format description. */
// biome-ignore format: one header field per line
const HAND_WRITTEN = Uint8Array.from([
  0x00, 0x00, 0x08, 0x03, // magic 0x00000803: uint8, 3 dimensions
  0x00, 0x00, 0x00, 0x02, // 2 images
  0x00, 0x00, 0x00, 0x02, // 2 rows
  0x00, 0x00, 0x00, 0x03, // 3 columns
  0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255,
]);

describe('loadIdx', () => {
  it('reads an images file: big-endian dimensions, row-major uint8 values', () => {
    const array = loadIdx(HAND_WRITTEN);
    expect(array.type).toBe('uint8');
    expect(array.shape).toEqual([2, 2, 3]);
    expect(array.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(array.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    expect(encodeIdx(array)).toEqual(HAND_WRITTEN);
  });

  it('reads a labels file (magic 0x00000801) and accepts an ArrayBuffer or a Buffer view', () => {
    const bytes = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9]);
    expect(loadIdx(bytes.buffer)).toEqual({
      type: 'uint8',
      shape: [3],
      data: Uint8Array.from([7, 0, 9]),
    });
    // A view into a larger buffer (Node's pooled Buffers) reads from its own offset.
    const pooled = new Uint8Array(64);
    pooled.set(bytes, 13);
    expect(Array.from(loadIdx(pooled.subarray(13, 13 + bytes.length)).data)).toEqual([7, 0, 9]);
  });

  const samples: Record<IdxType, number[]> = {
    uint8: [0, 1, 128, 255, 7, 9],
    int8: [-128, -1, 0, 1, 127, 5],
    int16: [-32768, -300, 0, 300, 32767, 1],
    int32: [-2147483648, -70000, 0, 70000, 2147483647, 3],
    float32: [-1.5, 0, 0.25, 3.4028234663852886e38, -1e-30, 2],
    float64: [-1.5, 0, Math.PI, 1e300, -1e-300, 2],
  };
  it.each(Object.keys(IDX_TYPES) as IdxType[])(
    'round-trips %s arrays through encodeIdx',
    (type) => {
      const Constructor = {
        uint8: Uint8Array,
        int8: Int8Array,
        int16: Int16Array,
        int32: Int32Array,
        float32: Float32Array,
        float64: Float64Array,
      }[type];
      const array: IdxArray = { type, shape: [3, 2], data: Constructor.from(samples[type]) };
      const bytes = encodeIdx(array);
      expect(bytes.length).toBe(4 + 8 + 6 * IDX_TYPES[type].bytes);
      expect(bytes[2]).toBe(IDX_TYPES[type].code);
      const back = loadIdx(bytes);
      expect(back.type).toBe(type);
      expect(back.shape).toEqual([3, 2]);
      expect(back.data).toBeInstanceOf(Constructor);
      expect(Array.from(back.data)).toEqual(Array.from(array.data));
    },
  );

  it('writes big-endian values', () => {
    const bytes = encodeIdx({ type: 'int16', shape: [1], data: Int16Array.from([0x0102]) });
    expect(Array.from(bytes)).toEqual([0, 0, 0x0b, 1, 0, 0, 0, 1, 0x01, 0x02]);
  });

  it('explains bad magic numbers, gzip data, unknown types and truncation', () => {
    const fail = (bytes: number[] | Uint8Array) => () =>
      loadIdx(Uint8Array.from(bytes), { source: 'train-images-idx3-ubyte' });
    expect(fail([0, 0, 8])).toThrow(
      'train-images-idx3-ubyte: 3 bytes is too short for an IDX header (at least 4)',
    );
    expect(fail([0x50, 0x4b, 3, 4, 0, 0, 0, 0])).toThrow(
      'train-images-idx3-ubyte: bad magic number 0x504b0304: an IDX file starts with two zero bytes (0x00000803 for images, 0x00000801 for labels)',
    );
    expect(fail([0x1f, 0x8b, 8, 0, 0, 0, 0, 0])).toThrow(
      'is gzip-compressed, not a raw IDX array. Decompress it first with decompressGzip(bytes), or read it with loadIdxFiles',
    );
    expect(fail([0, 0, 0x0a, 1, 0, 0, 0, 1, 0])).toThrow(
      'unknown element type 0x0a in magic number 0x00000a01',
    );
    expect(fail([0, 0, 8, 0])).toThrow('declares 0 dimensions');
    expect(fail([0, 0, 8, 3, 0, 0, 0, 2, 0, 0])).toThrow(
      'truncated header: 3 dimensions need 16 bytes, the data has 10',
    );
    expect(fail(HAND_WRITTEN.subarray(0, HAND_WRITTEN.length - 1))).toThrow(
      'train-images-idx3-ubyte: truncated: shape [2, 2, 3] of uint8 needs 28 bytes, the data has 27. The file is incomplete; download it again',
    );
    expect(fail([...HAND_WRITTEN, 0, 0])).toThrow(
      '2 unexpected bytes after the uint8 data of shape [2, 2, 3]',
    );
    expect(fail([0, 0, 8])).toThrow(IdxFormatError);
    expect(() => loadIdx(Uint8Array.from([1]))).toThrow('IDX data: 1 bytes');
  });

  it('refuses to encode values that do not fit or a shape that does not match', () => {
    expect(() =>
      encodeIdx({ type: 'uint8', shape: [2], data: Float32Array.from([1, 256]) }),
    ).toThrow('encodeIdx: value 256 at index 1 does not fit in uint8');
    expect(() => encodeIdx({ type: 'int8', shape: [1], data: Float32Array.from([0.5]) })).toThrow(
      'value 0.5 at index 0 does not fit in int8',
    );
    expect(() =>
      encodeIdx({ type: 'uint8', shape: [2, 2], data: Uint8Array.from([1, 2, 3]) }),
    ).toThrow('shape [2, 2] holds 4 values but data has 3');
    expect(() => encodeIdx({ type: 'uint8', shape: [], data: Uint8Array.from([]) })).toThrow(
      'an IDX array has 1 to 255 dimensions, got 0',
    );
  });
});
