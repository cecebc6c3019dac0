import { FaninError } from '../errors.js';

/** A named float32 tensor as stored in a safetensors file: its shape and its values, row-major. */
export interface TensorRecord {
  readonly shape: number[];
  readonly data: Float32Array;
}

/** A safetensors file that cannot be read: truncated, corrupt, or holding a dtype fanin does not read. */
export class SafetensorsError extends FaninError {
  constructor(message: string, hint?: string) {
    super('INVALID_SAFETENSORS', message, hint);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Headers larger than this are refused (the reference implementation's limit is 100 MB). */
const MAX_HEADER_BYTES = 100_000_000;
const METADATA_KEY = '__metadata__';

function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/**
 * Encodes named float32 tensors in the safetensors format (https://github.com/huggingface/safetensors):
 * an 8-byte little-endian unsigned header length N, then N bytes of JSON
 * `{ name: { dtype: "F32", shape, data_offsets: [begin, end] }, "__metadata__"?: { ... } }`
 * padded with spaces to a multiple of 8 (as the reference writer does), then the raw
 * little-endian values, tensors one after another in name order. The files load in
 * PyTorch with `safetensors.torch.load_file`.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, TensorRecord>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new SafetensorsError(
          `safetensors metadata "${key}" must be a string, got ${typeof value}`,
          'The format stores metadata as a string-to-string map; JSON.stringify other values',
        );
      }
    }
    header[METADATA_KEY] = { ...metadata };
  }
  let offset = 0;
  for (const name of names) {
    if (name === METADATA_KEY)
      throw new SafetensorsError(`"${METADATA_KEY}" cannot be a tensor name`);
    const { shape, data } = tensors.get(name)!;
    if (!shape.every((dim) => Number.isInteger(dim) && dim >= 0)) {
      throw new SafetensorsError(
        `tensor "${name}": shape must be non-negative integers, got [${shape.join(', ')}]`,
      );
    }
    if (sizeOfShape(shape) !== data.length) {
      throw new SafetensorsError(
        `tensor "${name}": shape [${shape.join(', ')}] holds ${sizeOfShape(shape)} values but the data has ${data.length}`,
      );
    }
    const bytes = data.length * 4;
    header[name] = { dtype: 'F32', shape: [...shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let position = 8 + headerLength;
  for (const name of names) {
    const { data } = tensors.get(name)!;
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    } else {
      for (let i = 0; i < data.length; i++) view.setFloat32(position + 4 * i, data[i]!, true);
    }
    position += data.byteLength;
  }
  return out;
}

/** Reads the JSON header of a safetensors file, checking its length. */
function readHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  if (!(bytes instanceof Uint8Array)) {
    throw new SafetensorsError(
      `safetensors input must be a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`,
    );
  }
  if (bytes.length < 8) {
    throw new SafetensorsError(
      `not a safetensors file: ${bytes.length} bytes, shorter than the 8-byte header length`,
      'The file is empty or truncated',
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      `not a safetensors file: header length ${declared} is implausibly large`,
      'The file is corrupt or in another format',
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw new SafetensorsError(
      `truncated safetensors file: the header needs ${headerLength} bytes but only ${bytes.length - 8} follow the length`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (error) {
    throw new SafetensorsError(
      `corrupt safetensors header: ${error instanceof Error ? error.message : String(error)}`,
      'The file is corrupt or in another format',
    );
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new SafetensorsError('corrupt safetensors header: expected a JSON object');
  }
  return { header: header as Record<string, unknown>, dataStart: 8 + headerLength };
}

/** The `__metadata__` map of a safetensors file (empty when there is none). */
export function readSafetensorsMetadata(bytes: Uint8Array): Record<string, string> {
  const metadata = readHeader(bytes).header[METADATA_KEY];
  return metadata && typeof metadata === 'object'
    ? { ...(metadata as Record<string, string>) }
    : {};
}

/**
 * Decodes a safetensors file holding float32 tensors. Throws a {@link SafetensorsError}
 * naming the problem for a truncated or corrupt file, out-of-range offsets, or a dtype other
 * than F32 (convert with `tensor.float()` in PyTorch before saving).
 */
export function decodeSafetensors(bytes: Uint8Array): Map<string, TensorRecord> {
  const { header, dataStart } = readHeader(bytes);
  const dataLength = bytes.length - dataStart;
  const out = new Map<string, TensorRecord>();
  for (const name of Object.keys(header).sort()) {
    if (name === METADATA_KEY) continue;
    const info = header[name] as {
      dtype?: unknown;
      shape?: unknown;
      data_offsets?: unknown;
    } | null;
    if (!info || typeof info !== 'object')
      throw new SafetensorsError(`corrupt safetensors header: entry "${name}" is not an object`);
    if (info.dtype !== 'F32') {
      throw new SafetensorsError(
        `tensor "${name}" has dtype ${JSON.stringify(info.dtype)}; fanin reads only F32 safetensors`,
        'Convert before saving, e.g. {k: v.float() for k, v in state_dict.items()} in PyTorch',
      );
    }
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isInteger(dim) && dim >= 0)) {
      throw new SafetensorsError(
        `corrupt safetensors header: tensor "${name}" has shape ${JSON.stringify(shape)}`,
      );
    }
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    ) {
      throw new SafetensorsError(
        `corrupt safetensors header: tensor "${name}" has data_offsets ${JSON.stringify(offsets)}`,
      );
    }
    const [begin, end] = offsets as [number, number];
    const count = sizeOfShape(shape as number[]);
    if (end - begin !== count * 4) {
      throw new SafetensorsError(
        `corrupt safetensors file: tensor "${name}" of shape [${shape.join(', ')}] needs ${count * 4} bytes but its offsets span ${end - begin}`,
      );
    }
    if (end > dataLength) {
      throw new SafetensorsError(
        `truncated safetensors file: tensor "${name}" ends at byte ${end} of the data but the data has ${dataLength} bytes`,
      );
    }
    const data = new Float32Array(count);
    const raw = bytes.subarray(dataStart + begin, dataStart + end);
    if (LITTLE_ENDIAN) {
      new Uint8Array(data.buffer).set(raw);
    } else {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, true);
    }
    out.set(name, { shape: [...(shape as number[])], data });
  }
  return out;
}
