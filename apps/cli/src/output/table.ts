/** A column of a terminal table. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  /** Right-align (numbers). Default left. */
  readonly align?: 'left' | 'right';
  /** Cut longer cells to this many characters (with an ellipsis). */
  readonly maxWidth?: number;
}

function fit(text: string, width: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ');
  if (width === undefined || flat.length <= width) return flat;
  return `${flat.slice(0, Math.max(1, width - 1))}…`;
}

/**
 * A plain-text table: a header, a rule, one line per row, columns padded to their widest
 * cell and separated by two spaces. No colors, so it reads the same in a log file.
 */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => fit(column.value(row), column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]!.length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) =>
        columns[index]!.align === 'right'
          ? cell.padStart(widths[index]!)
          : cell.padEnd(widths[index]!),
      )
      .join('  ')
      .trimEnd();
  return [
    render(columns.map((column) => column.header)),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
  ].join('\n');
}

/** A number for a table: 4 significant digits, exponent form for very small or large values. */
export function formatNumber(value: number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A share as a percentage: 0.1234 → "12.3%". */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  return `${(value * 100).toFixed(1)}%`;
}

/** A value shown in a table cell: numbers formatted, strings as is, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
