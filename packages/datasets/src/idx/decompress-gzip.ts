import { FaninError } from '@fanin/core';
import { IdxFormatError } from './idx-format.js';

/** Whether bytes start with the gzip signature 0x1f 0x8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip data (a `.gz` IDX file) with the web-standard `DecompressionStream`,
 * available in browsers and in Node 18+, so it works in both without bundling zlib:
 *
 * ```ts
 * const bytes = new Uint8Array(await (await fetch('/data/t10k-images-idx3-ubyte.gz')).arrayBuffer());
 * const images = loadIdx(await decompressGzip(bytes));
 * ```
 */
export async function decompressGzip(
  bytes: Uint8Array | ArrayBuffer,
  options: { readonly source?: string } = {},
): Promise<Uint8Array> {
  const source = options.source ?? 'gzip data';
  if (typeof DecompressionStream === 'undefined') {
    throw new FaninError(
      'UNSUPPORTED_RUNTIME',
      `${source}: this runtime has no DecompressionStream to decompress gzip`,
      'Use Node 18+ or a current browser, or decompress the file first',
    );
  }
  try {
    const stream = new Blob([bytes as BlobPart])
      .stream()
      .pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IdxFormatError(
      source,
      `cannot decompress it (${reason})`,
      'The .gz file is damaged or incomplete; download it again',
    );
  }
}
