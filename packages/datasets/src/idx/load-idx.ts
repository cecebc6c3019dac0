import { IDX_TYPES, type IdxArray, IdxFormatError, type IdxType } from './idx-format.js';

const TYPE_BY_CODE = new Map<number, IdxType>(
  Object.entries(IDX_TYPES).map(([type, { code }]) => [code, type as IdxType]),
);

/**
 * Parses an IDX array: the format of the MNIST, Fashion-MNIST, KMNIST and EMNIST files
 * (`train-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`...). The header is two zero bytes, a
 * type byte (0x08 for uint8), the number of dimensions, then each dimension as a big-endian
 * uint32; the values follow, row-major and big-endian. So images start with the magic number
 * 0x00000803 (uint8, 3 dimensions: count, rows, columns) and labels with 0x00000801.
 *
 * Throws {@link IdxFormatError} naming `source` when the magic number is wrong, the type is
 * unknown, the data is shorter than the header says (a truncated download) or longer.
 * Gzip-compressed bytes (`.gz` files) must be decompressed first (`decompressGzip`);
 * `loadIdxFiles` does it.
 */
export function loadIdx(
  bytes: Uint8Array | ArrayBuffer,
  options: { readonly source?: string } = {},
): IdxArray {
  const source = options.source ?? 'IDX data';
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (!(view instanceof Uint8Array))
    throw new IdxFormatError(source, 'expected a Uint8Array or an ArrayBuffer');
  const data = new DataView(view.buffer, view.byteOffset, view.byteLength);
  if (view.byteLength < 4) {
    throw new IdxFormatError(
      source,
      `${view.byteLength} bytes is too short for an IDX header (at least 4)`,
      'The file is empty or truncated',
    );
  }
  const magic = data.getUint32(0);
  if (view[0] === 0x1f && view[1] === 0x8b) {
    throw new IdxFormatError(
      source,
      'is gzip-compressed, not a raw IDX array',
      'Decompress it first with decompressGzip(bytes), or read it with loadIdxFiles, which handles .gz files',
    );
  }
  if (view[0] !== 0 || view[1] !== 0) {
    throw new IdxFormatError(
      source,
      `bad magic number 0x${hex(magic)}: an IDX file starts with two zero bytes (0x00000803 for images, 0x00000801 for labels)`,
      'Is this an IDX file?',
    );
  }
  const type = TYPE_BY_CODE.get(view[2]!);
  if (!type) {
    throw new IdxFormatError(
      source,
      `unknown element type 0x${view[2]!.toString(16).padStart(2, '0')} in magic number 0x${hex(magic)}`,
      'IDX types are 0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32 and 0x0e float64',
    );
  }
  const rank = view[3]!;
  if (rank === 0)
    throw new IdxFormatError(source, `magic number 0x${hex(magic)} declares 0 dimensions`);
  const headerBytes = 4 + 4 * rank;
  if (view.byteLength < headerBytes) {
    throw new IdxFormatError(
      source,
      `truncated header: ${rank} dimensions need ${headerBytes} bytes, the data has ${view.byteLength}`,
    );
  }
  const shape = Array.from({ length: rank }, (_, i) => data.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const { bytes: width } = IDX_TYPES[type];
  const expected = headerBytes + count * width;
  if (view.byteLength < expected) {
    throw new IdxFormatError(
      source,
      `truncated: shape [${shape.join(', ')}] of ${type} needs ${expected} bytes, the data has ${view.byteLength}`,
      'The file is incomplete; download it again',
    );
  }
  if (view.byteLength > expected) {
    throw new IdxFormatError(
      source,
      `${view.byteLength - expected} unexpected bytes after the ${type} data of shape [${shape.join(', ')}]`,
      'Is the header right?',
    );
  }
  return { type, shape, data: readValues(data, headerBytes, count, type) };
}

function readValues(
  data: DataView,
  offset: number,
  count: number,
  type: IdxType,
): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      return new Uint8Array(
        data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + count),
      );
    case 'int8':
      return new Int8Array(
        data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + count),
      );
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => data.getInt16(offset + 2 * i));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => data.getInt32(offset + 4 * i));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => data.getFloat32(offset + 4 * i));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => data.getFloat64(offset + 8 * i));
  }
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
