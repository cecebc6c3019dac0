import { VEGA_LITE_SCHEMA } from '../src/index.js';
import type { Plot } from '../src/shared/plot.js';

/** Every `field` an encoding or facet of a spec refers to, with where it was found. */
function referencedFields(node: unknown, path: string, out: [string, string][]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => {
      referencedFields(item, `${path}[${index}]`, out);
    });
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' || key === 'transform') continue;
    if (key === 'field' && typeof value === 'string') out.push([value, path]);
    else referencedFields(value, `${path}.${key}`, out);
  }
}

/** Fields that a spec's transforms create (fold, calculate, aggregate...). */
function derivedFields(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) derivedFields(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.transform)) {
    for (const step of record.transform as Record<string, unknown>[]) {
      const as = step.as;
      if (typeof as === 'string') out.add(as);
      if (Array.isArray(as)) for (const name of as) out.add(String(name));
      if (Array.isArray(step.aggregate))
        for (const item of step.aggregate as { as: string }[]) out.add(item.as);
      if (Array.isArray(step.window))
        for (const item of step.window as { as: string }[]) out.add(item.as);
    }
  }
  for (const value of Object.values(record)) derivedFields(value, out);
}

/** Inline data rows anywhere in the spec (top level or layers). */
function dataRows(node: unknown, out: Record<string, unknown>[][]): void {
  if (Array.isArray(node)) {
    for (const item of node) dataRows(item, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  const data = record.data as { values?: unknown } | undefined;
  if (data && Array.isArray(data.values)) out.push(data.values as Record<string, unknown>[]);
  for (const [key, value] of Object.entries(record)) if (key !== 'data') dataRows(value, out);
}

/**
 * Checks what a renderer needs from a plot: the Vega-Lite v5 schema, a title, inline data
 * that JSON round-trips, and every field an encoding names present in the data (or created
 * by a transform). Returns the problems found (empty when the spec is sound).
 */
export function specProblems(plot: Plot): string[] {
  const problems: string[] = [];
  const { spec } = plot;
  if (spec.$schema !== VEGA_LITE_SCHEMA) problems.push(`${plot.name}: $schema is ${spec.$schema}`);
  if (!/^[a-z0-9.-]+$/.test(plot.name)) problems.push(`${plot.name}: name is not a file name`);
  if (JSON.stringify(JSON.parse(JSON.stringify(spec))) !== JSON.stringify(spec))
    problems.push(`${plot.name}: not JSON`);
  const tables: Record<string, unknown>[][] = [];
  dataRows(spec, tables);
  if (tables.length === 0) problems.push(`${plot.name}: no inline data`);
  const available = new Set<string>();
  for (const rows of tables)
    for (const row of rows) for (const key of Object.keys(row)) available.add(key);
  derivedFields(spec, available);
  const fields: [string, string][] = [];
  referencedFields(spec, 'spec', fields);
  for (const [field, where] of fields) {
    if (!available.has(field))
      problems.push(`${plot.name}: ${where} uses field "${field}", not in the data`);
  }
  if (tables.every((rows) => rows.length === 0))
    problems.push(`${plot.name}: every data table is empty`);
  return problems;
}

/** Whether a value survives JSON unchanged (no NaN, Infinity, undefined, class instances). */
export function jsonRoundTrips(value: unknown): boolean {
  return (
    JSON.stringify(JSON.parse(JSON.stringify(value))) === JSON.stringify(value) && isPlain(value)
  );
}

function isPlain(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    return Object.values(value as object).every((item) => item !== undefined && isPlain(item));
  }
  return false;
}
