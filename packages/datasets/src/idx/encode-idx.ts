import { IDX_TYPES, type IdxArray, IdxFormatError } from './idx-format.js';

const INTEGER_RANGES = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
} as const;

/**
 * Writes an array in the IDX format read by {@link loadIdx} (and by torchvision, Keras and
 * the original MNIST tools): big-endian header and values. `data` must hold exactly the
 * product of `shape` values; each dimension must fit in a uint32 and there may be at most 255.
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const { type, shape, data } = array;
  const spec = IDX_TYPES[type];
  if (!spec)
    throw new IdxFormatError(
      'encodeIdx',
      `unknown element type "${String(type)}"`,
      `Use one of ${Object.keys(IDX_TYPES).join(', ')}`,
    );
  if (shape.length < 1 || shape.length > 255)
    throw new IdxFormatError(
      'encodeIdx',
      `an IDX array has 1 to 255 dimensions, got ${shape.length}`,
    );
  for (const dimension of shape) {
    if (!Number.isInteger(dimension) || dimension < 0 || dimension > 0xffffffff) {
      throw new IdxFormatError(
        'encodeIdx',
        `dimension ${dimension} in shape [${shape.join(', ')}] is not a uint32`,
      );
    }
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count)
    throw new IdxFormatError(
      'encodeIdx',
      `shape [${shape.join(', ')}] holds ${count} values but data has ${data.length}`,
    );
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + count * spec.bytes);
  const view = new DataView(out.buffer);
  view.setUint8(2, spec.code);
  view.setUint8(3, shape.length);
  shape.forEach((dimension, i) => {
    view.setUint32(4 + 4 * i, dimension);
  });
  const range = INTEGER_RANGES[type as keyof typeof INTEGER_RANGES];
  for (let i = 0; i < count; i++) {
    const value = data[i]!;
    if (range && !(Number.isInteger(value) && value >= range[0] && value <= range[1])) {
      throw new IdxFormatError(
        'encodeIdx',
        `value ${value} at index ${i} does not fit in ${type}`,
        `${type} holds whole numbers in [${range[0]}, ${range[1]}]`,
      );
    }
    const at = header + i * spec.bytes;
    switch (type) {
      case 'uint8':
        view.setUint8(at, value);
        break;
      case 'int8':
        view.setInt8(at, value);
        break;
      case 'int16':
        view.setInt16(at, value);
        break;
      case 'int32':
        view.setInt32(at, value);
        break;
      case 'float32':
        view.setFloat32(at, value);
        break;
      case 'float64':
        view.setFloat64(at, value);
        break;
    }
  }
  return out;
}
