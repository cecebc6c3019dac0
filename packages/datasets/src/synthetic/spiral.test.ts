import { createRegistry, useBackend } from '@fanin/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../test/helpers.js';
import { disposeDataset, labelCounts } from '../dataset.js';
import { datasets } from '../index.js';
import { makeSpiral } from './spiral.js';

describe.each(TEST_BACKENDS)('makeSpiral on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('has classes x pointsPerClass 2-D points, grouped by class, inside the unit disc', () => {
    const data = makeSpiral({ classes: 4, pointsPerClass: 50 });
    expect(data.x.shape).toEqual([200, 2]);
    expect(data.y.dtype).toBe('int32');
    expect(labelCounts(data)).toEqual([50, 50, 50, 50]);
    expect(Array.from(data.y.dataSync().subarray(50, 100))).toEqual(new Array(50).fill(1));
    const x = data.x.dataSync();
    for (let i = 0; i < 200; i++) {
      const radius = Math.hypot(x[2 * i]!, x[2 * i + 1]!);
      // Radii run 0 to 1 along each arm (noise moves the angle only).
      expect(radius).toBeCloseTo((i % 50) / 49, 6);
    }
    disposeDataset(data);
  });

  it('follows the CS231n construction exactly without noise', () => {
    const data = makeSpiral({ classes: 3, pointsPerClass: 5, noise: 0 });
    const x = data.x.dataSync();
    const row = 2 * 5 + 3; // arm 2, point 3: r = 3/4, t = 8 + 3
    expect(x[2 * row]).toBeCloseTo(0.75 * Math.sin(11), 6);
    expect(x[2 * row + 1]).toBeCloseTo(0.75 * Math.cos(11), 6);
    disposeDataset(data);
  });

  it('is deterministic by seed and differs between seeds', () => {
    const a = makeSpiral({ seed: 3 });
    const b = makeSpiral({ seed: 3 });
    const c = makeSpiral({ seed: 4 });
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(Array.from(a.x.dataSync())).not.toEqual(Array.from(c.x.dataSync()));
    disposeDataset(a, b, c);
  });

  it('validates its options with the registry messages', () => {
    expect(() => makeSpiral({ classes: 1 })).toThrow(
      'dataset "spiral": option "classes" must be an integer >= 2, got 1',
    );
    expect(() => makeSpiral({ nosie: 0.1 } as never)).toThrow(
      'dataset "spiral": unknown option "nosie". Did you mean "noise"?',
    );
  });

  it('is the registry entry "spiral", sized before loading', async () => {
    const source = createRegistry({ plugins: [datasets] }).dataset('spiral', {
      classes: 5,
      pointsPerClass: 20,
      seed: 9,
    });
    expect(source).toMatchObject({ name: 'spiral', examples: 100, features: 2, classes: 5 });
    expect(source.config).toEqual({
      type: 'spiral',
      classes: 5,
      pointsPerClass: 20,
      noise: 0.2,
      seed: 9,
    });
    const data = await source.load();
    const direct = makeSpiral({ classes: 5, pointsPerClass: 20, seed: 9 });
    expect(Array.from(data.x.dataSync())).toEqual(Array.from(direct.x.dataSync()));
    disposeDataset(data, direct);
  });
});
