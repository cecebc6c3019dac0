import { createRegistry, useBackend } from '@fanin/core';
import { liveTensors } from '@fanin/core/testing';
import { describe, expect, it } from 'vitest';
import { disposeSplits, labelCounts } from '../dataset.js';
import { datasets } from '../index.js';
import { loadSplits } from './load-splits.js';

describe('loadSplits', () => {
  it('loads a registry source, splits it and keeps only the parts alive', async () => {
    await useBackend('cpu');
    const before = liveTensors();
    const source = createRegistry({ plugins: [datasets] }).dataset('spiral', {
      pointsPerClass: 40,
    });
    const splits = await loadSplits(source, { train: 0.75, test: 0.25, stratify: true, seed: 3 });
    expect(labelCounts(splits.train)).toEqual([30, 30, 30]);
    expect(splits.test.x.shape).toEqual([30, 2]);
    expect(liveTensors()).toBe(before + 4);
    disposeSplits(splits);
    expect(liveTensors()).toBe(before);
  });
});
