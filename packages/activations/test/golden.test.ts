import { type BackendName, useBackend } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { formatMismatches, goldenMismatches } from './golden-check.js';

describe.each<BackendName>(['cpu', 'wasm'])('PyTorch golden values on %s', (backend) => {
  it('match outputs, first and second derivatives within tolerance', async () => {
    await useBackend(backend);
    const mismatches = goldenMismatches();
    expect(formatMismatches(mismatches)).toBe('');
  });
});
