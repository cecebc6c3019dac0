import { createRegistry, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { disposeDataset, labelCounts } from '../dataset.js';
import { datasets } from '../index.js';
import { makeXor } from './xor.js';

describe.each(TEST_BACKENDS)('makeXor on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('gives the four classic points with std 0', () => {
    const data = makeXor({ pointsPerClass: 2, std: 0 });
    expect(Array.from(data.x.dataSync())).toEqual([1, 1, -1, -1, 1, -1, -1, 1]);
    expect(Array.from(data.y.dataSync())).toEqual([0, 0, 1, 1]);
    disposeDataset(data);
  });

  it('labels each point by the XOR of its corner signs, balanced between corners', () => {
    const data = makeXor({ pointsPerClass: 1001, std: 0.3, seed: 4 });
    expect(data.x.shape).toEqual([2002, 2]);
    expect(labelCounts(data)).toEqual([1001, 1001]);
    const x = data.x.dataSync();
    const y = data.y.dataSync();
    let agree = 0;
    for (let i = 0; i < 2002; i++)
      if ((x[2 * i]! > 0 !== x[2 * i + 1]! > 0 ? 1 : 0) === y[i]) agree++;
    // About 0.1% of points cross an axis at std 0.3.
    expect(agree / 2002).toBeGreaterThan(0.99);
    // First corner of class 0 gets ceil(1001 / 2) = 501 points, around (1, 1).
    expect(x[2 * 500]! + x[2 * 500 + 1]!).toBeGreaterThan(0);
    disposeDataset(data);
  });

  it('keeps the label of the corner when noise carries a point across an axis', () => {
    const data = makeXor({ pointsPerClass: 2000, std: 1, seed: 4 });
    const x = data.x.dataSync();
    const y = data.y.dataSync();
    let agree = 0;
    for (let i = 0; i < 4000; i++)
      if ((x[2 * i]! > 0 !== x[2 * i + 1]! > 0 ? 1 : 0) === y[i]) agree++;
    // P(sign kept) = Phi(1) = 0.841 per axis; the XOR survives when both or neither flip: 0.73.
    expect(agree / 4000).toBeGreaterThan(0.7);
    expect(agree / 4000).toBeLessThan(0.76);
    disposeDataset(data);
  });

  it('is deterministic by seed and a registry entry', async () => {
    const a = makeXor({ seed: 1 });
    const b = await createRegistry({ plugins: [datasets] })
      .dataset('xor', { seed: 1 })
      .load();
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    const c = makeXor({ seed: 2 });
    expect(Array.from(a.x.dataSync())).not.toEqual(Array.from(c.x.dataSync()));
    disposeDataset(a, b, c);
  });
});
