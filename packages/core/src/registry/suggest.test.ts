import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './suggest.js';

describe('suggestions', () => {
  it('counts edits, with adjacent swaps as one', () => {
    expect(editDistance('relu', 'relu')).toBe(0);
    expect(editDistance('rellu', 'relu')).toBe(1);
    expect(editDistance('alhpa', 'alpha')).toBe(1);
    expect(editDistance('ReLU', 'relu')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    expect(closestMatch('rellu', ['relu', 'elu', 'selu'])).toBe('relu');
    expect(closestMatch('xyz', ['relu', 'elu'])).toBeUndefined();
  });
});
