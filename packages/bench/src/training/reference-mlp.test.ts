import { type BackendName, tf, useBackend } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { makeMlpData, parameterCount, REFERENCE_MLP } from './reference-mlp.js';

describe('the reference MLP', () => {
  it('has the parameter count of 784-100-100-100-100-100-10', () => {
    expect(parameterCount(REFERENCE_MLP)).toBe(785 * 100 + 4 * 101 * 100 + 101 * 10);
  });
});

describe.each(['cpu', 'wasm'] as BackendName[])('makeMlpData on %s', (backend) => {
  it('makes smoothed one-hot targets from a teacher, cut into batches, and disposes them', async () => {
    await useBackend(backend);
    const spec = { ...REFERENCE_MLP, sizes: [8, 4, 5], batchSize: 6, batchesPerEpoch: 3 };
    const before = tf.memory().numTensors;
    const data = makeMlpData(spec);
    expect(data.x.shape).toEqual([18, 8]);
    expect(data.y.shape).toEqual([18, 5]);
    expect(data.batches.map((batch) => batch.x.shape)).toEqual([
      [6, 8],
      [6, 8],
      [6, 8],
    ]);
    const rows = data.y.arraySync() as number[][];
    for (const row of rows) {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      // One class holds 1 - eps + eps / C, the others eps / C.
      expect(row.filter((value) => Math.abs(value - 0.02) < 1e-6)).toHaveLength(4);
      expect(row.filter((value) => Math.abs(value - 0.92) < 1e-6)).toHaveLength(1);
    }
    // The teacher uses more than one class.
    expect(new Set(rows.map((row) => row.indexOf(Math.max(...row)))).size).toBeGreaterThan(1);
    data.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
