import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64, KERNELS_WASM_SHA256 } from './wasm-binary.js';

const root = join(import.meta.dirname, '..', '..');

describe('the committed wasm kernels', () => {
  it('embed exactly wasm/kernels.wasm, which imports only memory and exports the kernels', () => {
    const file = readFileSync(join(root, 'wasm', 'kernels.wasm'));
    const embedded = Buffer.from(KERNELS_WASM_BASE64, 'base64');
    expect(embedded.equals(file)).toBe(true);
    expect(createHash('sha256').update(file).digest('hex')).toBe(KERNELS_WASM_SHA256);
    const module = new WebAssembly.Module(file);
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: 'env', name: 'memory', kind: 'memory' },
    ]);
    expect(
      WebAssembly.Module.exports(module)
        .map((entry) => entry.name)
        .sort(),
    ).toEqual([
      'adam_update',
      'dense_backward',
      'dense_forward',
      'scale',
      'sgd_update',
      'softmax_cross_entropy',
    ]);
  });

  it('are what wasm/kernels.c compiles to (byte for byte with clang installed, else by source hash)', () => {
    const out = execFileSync('node', [join(root, 'scripts', 'build-wasm.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/byte-identical|matches the source hash/);
  });
});
