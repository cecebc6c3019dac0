import type { FaninError } from '@fanin/core';
import { expect } from 'vitest';

/** Runs `fn`, expects it to throw a one-line error and returns the error. */
export function oneLineError(fn: () => unknown): FaninError {
  try {
    fn();
  } catch (error) {
    expect((error as Error).message).not.toContain('\n');
    return error as FaninError;
  }
  throw new Error('expected an error');
}

/** Element-wise `toBeCloseTo` (to `digits` decimals) against an array or a constant. */
export function expectClose(
  actual: readonly number[],
  expected: readonly number[] | number,
  digits: number,
): void {
  if (typeof expected !== 'number') expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => {
    expect(value, `element ${i}`).toBeCloseTo(
      typeof expected === 'number' ? expected : expected[i]!,
      digits,
    );
  });
}
