import { describe, expect, it } from 'vitest';
import { randomUnit } from '../samplers/random.js';
import { int } from './int.js';
import { logInt } from './log-int.js';

describe('int', () => {
  it('draws every value low..high with equal probability', () => {
    const d = int(2, 6);
    const counts = new Map<number, number>();
    const n = 5000;
    for (let k = 0; k < n; k++) {
      const x = d.fromUnit(randomUnit(3, k, 'layers'));
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5, 6]);
    for (const count of counts.values())
      expect(Math.abs(count - n / 5)).toBeLessThan(4 * Math.sqrt((n * 4) / 25));
    expect(d.fromUnit(1)).toBe(6);
    expect(d.fromUnit(0)).toBe(2);
  });

  it('respects a step, and rejects a range that is not a multiple of it', () => {
    const d = int(0, 100, { step: 25 });
    expect(d.gridUnits(10).map((u) => d.fromUnit(u))).toEqual([0, 25, 50, 75, 100]);
    expect(() => int(0, 10, { step: 3 })).toThrow(/multiple of step 3.*Use high 9 or 12/);
    expect(d.contains(50)).toBe(true);
    expect(d.contains(40)).toBe(false);
  });

  it('grids a wide range with evenly spaced values', () => {
    const d = int(0, 100);
    expect(d.gridUnits(5).map((u) => d.fromUnit(u))).toEqual([0, 25, 50, 75, 100]);
  });

  it('rejects non-integers and empty ranges', () => {
    expect(() => int(0.5, 3)).toThrow(/low must be an integer/);
    expect(() => int(3, 3)).toThrow(/range is empty.*fixed/);
  });
});

describe('logInt', () => {
  it('gives each k a probability proportional to log((k + 1) / k)', () => {
    const d = logInt(1, 8);
    const n = 20000;
    const counts = new Array<number>(9).fill(0);
    for (let k = 0; k < n; k++) counts[d.fromUnit(randomUnit(5, k, 'width'))]!++;
    for (let value = 1; value <= 8; value++) {
      const p = Math.log((value + 1) / value) / Math.log(9);
      expect(Math.abs(counts[value]! - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    }
  });

  it('reaches both ends and stays inside', () => {
    const d = logInt(16, 1024);
    expect(d.fromUnit(0)).toBe(16);
    expect(d.fromUnit(1)).toBe(1024);
    expect(d.fromUnit(1 - 1e-12)).toBe(1024);
    for (let i = 0; i <= 1000; i++) {
      const x = d.fromUnit(i / 1000);
      expect(Number.isInteger(x) && x >= 16 && x <= 1024).toBe(true);
    }
  });

  it('grid units hit distinct, log-spaced values', () => {
    const d = logInt(16, 1024);
    expect(d.gridUnits(4).map((u) => d.fromUnit(u))).toEqual([16, 64, 256, 1024]);
    const small = logInt(1, 4);
    expect(small.gridUnits(10).map((u) => small.fromUnit(u))).toEqual([1, 2, 3, 4]);
  });

  it('needs low >= 1', () => {
    expect(() => logInt(0, 10)).toThrow(/low must be >= 1.*int\(low, high\)/);
  });
});
