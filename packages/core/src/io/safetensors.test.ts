import { describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensorsMetadata,
  SafetensorsError,
} from './safetensors.js';

const bytesOf = (text: string) => [...new TextEncoder().encode(text)];

describe('safetensors', () => {
  it('writes the exact byte layout of the format', () => {
    const bytes = encodeSafetensors(
      new Map([['a', { shape: [2], data: new Float32Array([1, -2]) }]]),
    );
    const json = '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    expect(json.length).toBe(54);
    // 54 bytes of JSON padded with two spaces to 56, a multiple of 8, as the reference writer does.
    const expected = [
      56,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...bytesOf(json),
      0x20,
      0x20,
      0x00,
      0x00,
      0x80,
      0x3f,
      0x00,
      0x00,
      0x00,
      0xc0,
    ];
    expect([...bytes]).toEqual(expected);
  });

  it('round-trips tensors, metadata, scalars and empty tensors', () => {
    const tensors = new Map([
      ['layers.1.bias', { shape: [3], data: new Float32Array([0.1, -0.2, 3e-38]) }],
      [
        'layers.0.kernel',
        { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, Number.NEGATIVE_INFINITY]) },
      ],
      ['scale', { shape: [], data: new Float32Array([Math.PI]) }],
      ['empty', { shape: [0, 4], data: new Float32Array(0) }],
    ]);
    const bytes = encodeSafetensors(tensors, { framework: 'fanin', note: 'ü' });
    expect(new DataView(bytes.buffer).getBigUint64(0, true) % 8n).toBe(0n);
    const decoded = decodeSafetensors(bytes);
    expect([...decoded.keys()]).toEqual(['empty', 'layers.0.kernel', 'layers.1.bias', 'scale']);
    for (const [name, { shape, data }] of tensors) {
      expect(decoded.get(name)!.shape).toEqual(shape);
      expect(decoded.get(name)!.data).toEqual(data);
    }
    expect(readSafetensorsMetadata(bytes)).toEqual({ framework: 'fanin', note: 'ü' });
  });

  it('reads a header that is not padded and data at an unaligned position', () => {
    const json = '{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    const header = new TextEncoder().encode(json);
    const bytes = new Uint8Array(8 + header.length + 4);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    new DataView(bytes.buffer).setFloat32(8 + header.length, 2.5, true);
    expect(header.length % 4).not.toBe(0);
    expect(decodeSafetensors(bytes).get('x')!.data[0]).toBe(2.5);
  });

  it('refuses truncated, corrupt and non-F32 files with a clear message', () => {
    const good = encodeSafetensors(
      new Map([['w', { shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }]]),
    );
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(
      'not a safetensors file: 3 bytes, shorter than the 8-byte header length',
    );
    expect(() => decodeSafetensors(good.subarray(0, 20))).toThrow(
      /^truncated safetensors file: the header needs \d+ bytes but only 12 follow/,
    );
    expect(() => decodeSafetensors(good.subarray(0, good.length - 1))).toThrow(
      'truncated safetensors file: tensor "w" ends at byte 16 of the data but the data has 15 bytes',
    );
    const garbage = good.slice();
    garbage[9] = 0x7b; // a second "{" breaks the JSON
    expect(() => decodeSafetensors(garbage)).toThrow(/^corrupt safetensors header: /);
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(() => decodeSafetensors(huge)).toThrow('implausibly large');

    const f16 = new TextEncoder().encode('{"h":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}');
    const half = new Uint8Array(8 + f16.length + 2);
    new DataView(half.buffer).setBigUint64(0, BigInt(f16.length), true);
    half.set(f16, 8);
    expect(() => decodeSafetensors(half)).toThrow(SafetensorsError);
    expect(() => decodeSafetensors(half)).toThrow(
      'tensor "h" has dtype "F16"; fanin reads only F32 safetensors',
    );

    const wrongSpan = new TextEncoder().encode(
      '{"s":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}',
    );
    const span = new Uint8Array(8 + wrongSpan.length + 8);
    new DataView(span.buffer).setBigUint64(0, BigInt(wrongSpan.length), true);
    span.set(wrongSpan, 8);
    expect(() => decodeSafetensors(span)).toThrow(
      'tensor "s" of shape [3] needs 12 bytes but its offsets span 8',
    );
  });

  it('refuses to encode inconsistent tensors', () => {
    expect(() =>
      encodeSafetensors(new Map([['w', { shape: [2, 2], data: new Float32Array(3) }]])),
    ).toThrow('tensor "w": shape [2, 2] holds 4 values but the data has 3');
    expect(() => encodeSafetensors(new Map(), { n: 1 as unknown as string })).toThrow(
      'safetensors metadata "n" must be a string',
    );
  });
});
