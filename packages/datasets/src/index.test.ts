import { createRegistry } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { datasets } from './index.js';

describe('the @fanin/datasets plugin', () => {
  const fanin = createRegistry({ plugins: [datasets] });

  it('registers mnist, spiral, blobs and xor as dataset entries with described options', () => {
    expect(fanin.list('dataset').map((entry) => entry.name)).toEqual([
      'blobs',
      'mnist',
      'spiral',
      'xor',
    ]);
    const spiral = fanin.info('dataset', 'spiral');
    expect(spiral.plugin).toBe('@fanin/datasets');
    expect(spiral.options.map((option) => [option.name, option.default])).toEqual([
      ['classes', 3],
      ['pointsPerClass', 100],
      ['noise', 0.2],
      ['seed', 0],
    ]);
    for (const entry of fanin.list('dataset')) {
      expect(entry.description.length).toBeGreaterThan(20);
      for (const option of entry.options) expect(option.description.length).toBeGreaterThan(5);
      expect(entry.metadata?.task).toBe('classification');
    }
  });

  it('validates configs, with suggestions for typos', () => {
    expect(fanin.validate('dataset', { type: 'xor', std: 0.5 })).toEqual({
      name: 'xor',
      options: { pointsPerClass: 100, std: 0.5, seed: 0 },
    });
    expect(() => fanin.dataset('spirals' as never)).toThrow(
      'unknown dataset "spirals". Did you mean "spiral"?',
    );
    expect(() => fanin.create('dataset', { type: 'blobs', classes: 0 })).toThrow(
      'dataset "blobs": option "classes" must be an integer >= 1, got 0',
    );
    expect(fanin.configSchema('dataset')).toMatchObject({ oneOf: expect.any(Array) });
  });
});
