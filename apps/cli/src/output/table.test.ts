import { describe, expect, it } from 'vitest';
import { formatNumber, formatTable } from './table.js';

describe('formatTable', () => {
  it('pads columns, aligns numbers right and cuts long cells', () => {
    const text = formatTable(
      [
        { name: 'relu', value: 1.5, note: 'rectified linear unit' },
        { name: 'leakyRelu', value: 10, note: 'x' },
      ],
      [
        { header: 'name', value: (row) => row.name },
        { header: 'value', value: (row) => formatNumber(row.value), align: 'right' },
        { header: 'note', value: (row) => row.note, maxWidth: 10 },
      ],
    );
    expect(text.split('\n')).toEqual([
      'name       value  note',
      '---------  -----  ----------',
      'relu         1.5  rectified…',
      'leakyRelu     10  x',
    ]);
  });

  it('formats numbers with 4 significant digits, exponents at the extremes', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(1e-5)).toBe('1.00e-5');
    expect(formatNumber(123456)).toBe('1.23e+5');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(undefined)).toBe('');
  });
});
