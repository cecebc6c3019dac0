import { describe, expect, it } from 'vitest';
import { formatNumber, formatRatio, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads text left-aligned and numbers right-aligned under a rule', () => {
    const text = formatTable(
      [{ header: 'name' }, { header: 'ms', numeric: true }],
      [
        ['fanin', '5.2'],
        ['tfjs-layers', '24.1'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'name           ms',
      '-----------  ----',
      'fanin         5.2',
      'tfjs-layers  24.1',
    ]);
  });
});

describe('formatNumber and formatRatio', () => {
  it('keeps three significant digits without exponents', () => {
    expect(formatNumber(5.2345)).toBe('5.23');
    expect(formatNumber(173.4)).toBe('173');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('-');
    expect(formatNumber(undefined)).toBe('-');
  });

  it('writes ratios with an x', () => {
    expect(formatRatio(4.567)).toBe('4.57x');
    expect(formatRatio(undefined)).toBe('-');
  });
});
