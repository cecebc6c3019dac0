import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressGzip, isGzip } from './decompress-gzip.js';
import { encodeIdx } from './encode-idx.js';
import { loadIdx } from './load-idx.js';

describe('decompressGzip', () => {
  const idx = encodeIdx({ type: 'uint8', shape: [4], data: Uint8Array.from([1, 2, 3, 4]) });

  it('undoes zlib gzip, from a Uint8Array or an ArrayBuffer', async () => {
    const compressed = gzipSync(idx);
    expect(isGzip(compressed)).toBe(true);
    expect(isGzip(idx)).toBe(false);
    expect(await decompressGzip(compressed)).toEqual(idx);
    const copy = Uint8Array.from(compressed);
    expect(loadIdx(await decompressGzip(copy.buffer)).data).toEqual(Uint8Array.from([1, 2, 3, 4]));
  });

  it('names the source of damaged data', async () => {
    await expect(
      decompressGzip(gzipSync(idx).subarray(0, 12), { source: 'labels.gz' }),
    ).rejects.toThrow(
      /^labels\.gz: cannot decompress it \(.+\)\. The \.gz file is damaged or incomplete/,
    );
    await expect(decompressGzip(idx)).rejects.toThrow('gzip data: cannot decompress it');
  });
});
