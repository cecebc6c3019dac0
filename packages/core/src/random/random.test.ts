import { describe, expect, it } from 'vitest';
import { hashSeed, Random } from './random.js';

describe('Random', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Random(42).fill(5, () => 0).map((_, i, arr) => arr[i]!);
    expect(a).toHaveLength(5);
    const x = new Random(42);
    const y = new Random(42);
    const z = new Random(43);
    const xs = Array.from({ length: 10 }, () => x.uniform());
    expect(Array.from({ length: 10 }, () => y.uniform())).toEqual(xs);
    expect(Array.from({ length: 10 }, () => z.uniform())).not.toEqual(xs);
  });

  it('forks independent streams that depend only on the labels', () => {
    const root = new Random('study');
    const a = root.fork('layers.0', 'kernel').uniform();
    root.uniform();
    expect(new Random('study').fork('layers.0', 'kernel').uniform()).toBe(a);
    expect(root.fork('layers.1', 'kernel').uniform()).not.toBe(a);
  });

  it('hashSeed separates parts', () => {
    expect(hashSeed('ab')).not.toBe(hashSeed('a', 'b'));
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(7, 'lr')).toBe(hashSeed(7, 'lr'));
  });

  it('draws uniform and normal samples with the right moments', () => {
    const random = new Random(1);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const v = random.normal();
      sum += v;
      squares += v * v;
    }
    const mean = sum / n;
    // 5 standard errors: the mean of n unit normals has std 1/sqrt(n).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    // the sample variance has std about sqrt(2/n).
    expect(Math.abs(squares / n - mean * mean - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    for (let i = 0; i < 1000; i++) {
      const u = random.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Math.abs(random.truncatedNormal(2))).toBeLessThanOrEqual(2);
    }
  });

  it('permutes', () => {
    const p = [...new Random(3).permutation(50)];
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
