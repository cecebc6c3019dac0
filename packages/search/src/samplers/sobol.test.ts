import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uniform } from '../space/uniform.js';
import { l2StarDiscrepancy } from '../stats/discrepancy.js';
import { random, randomUnit } from './random.js';
import { SOBOL_MAX_DIMENSIONS, sobol, sobolInteger, sobolPoint } from './sobol.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/sobol-points.json', import.meta.url), 'utf8'),
) as {
  dimensions12: number[][];
  dimensions256: number[][];
};

describe('Sobol sequence', () => {
  it('matches PyTorch SobolEngine(scramble=False) point for point (Joe–Kuo directions, Gray-code order)', () => {
    for (const [index, point] of fixture.dimensions12.entries()) {
      for (const [d, value] of point.entries())
        expect(sobolInteger(index, d) / 2 ** 32).toBe(value);
    }
  });

  it('matches it in all 256 dimensions', () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(256);
    for (const [index, point] of fixture.dimensions256.entries())
      expect(sobolPoint(index, 256, 'none', 0)).toEqual(point);
  });

  it('refuses dimensions it has no direction numbers for', () => {
    expect(() => sobolPoint(0, 257, 'none', 0)).toThrow(/256 dimensions.*random sampler/);
  });

  for (const scramble of ['owen', 'shift'] as const) {
    it(`${scramble} scrambling keeps the net: one point per cell of every 2D elementary interval`, () => {
      for (const seed of [1, 2, 3, 99]) {
        const points = Array.from({ length: 64 }, (_, k) => sobolPoint(k, 2, scramble, seed));
        // (0, 6, 2)-net in base 2: every box of volume 1/64 with dyadic sides holds one point.
        for (const [bitsX, bitsY] of [
          [6, 0],
          [3, 3],
          [1, 5],
          [0, 6],
        ] as const) {
          const cells = new Set(
            points.map(([x, y]) => `${Math.floor(x! * 2 ** bitsX)},${Math.floor(y! * 2 ** bitsY)}`),
          );
          expect(cells.size).toBe(64);
        }
      }
    });
  }

  it('owen scrambling depends on the seed and gives points off the dyadic grid', () => {
    const a = sobolPoint(5, 3, 'owen', 1);
    const b = sobolPoint(5, 3, 'owen', 2);
    expect(a).not.toEqual(b);
    expect(sobolPoint(5, 3, 'owen', 1)).toEqual(a);
    expect(sobolPoint(0, 3, 'none', 1)).toEqual([0, 0, 0]);
    expect(sobolPoint(0, 3, 'owen', 1).every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('has lower L2-star discrepancy than random points (64 points, 4 dimensions, 8 seeds)', () => {
    const space = { a: uniform(0, 1), b: uniform(0, 1), c: uniform(0, 1), d: uniform(0, 1) };
    let sobolTotal = 0;
    let randomTotal = 0;
    for (let seed = 0; seed < 8; seed++) {
      const s = sobol();
      const r = random();
      const q = Array.from({ length: 64 }, (_, number) =>
        Object.values(s.sample({ space, seed, number })),
      );
      const p = Array.from({ length: 64 }, (_, number) =>
        Object.values(r.sample({ space, seed, number })),
      );
      sobolTotal += l2StarDiscrepancy(q);
      randomTotal += l2StarDiscrepancy(p);
    }
    expect(sobolTotal).toBeLessThan(0.5 * randomTotal);
  });

  it('gives trial k point k whatever order trials are asked in', () => {
    const space = { a: uniform(0, 1), b: uniform(0, 1) };
    const s = sobol();
    const forward = [0, 1, 2, 3, 4, 5].map((number) => s.sample({ space, seed: 7, number }));
    const backward = [5, 4, 3, 2, 1, 0]
      .map((number) => s.sample({ space, seed: 7, number }))
      .reverse();
    expect(backward).toEqual(forward);
    expect(randomUnit(7, 3, 'a')).not.toBe(forward[3]!.a);
  });
});
