import { describe, expect, it } from 'vitest';
import { mean, median, slope } from './statistics.js';

describe('median', () => {
  it('takes the middle of an odd list and the mean of the middle pair of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('mean and slope', () => {
  it('computes the mean', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('recovers the slope of a noiseless line and gives 0 for a constant x', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(slope([2, 2, 2], [1, 5, 9])).toBe(0);
    expect(slope([1], [4])).toBe(0);
  });
});
