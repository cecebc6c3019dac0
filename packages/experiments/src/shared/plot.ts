/** The Vega-Lite version every plot spec targets. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * A Vega-Lite v5 specification as plain JSON, data inlined (`data.values`), renderable by the
 * CLI (to SVG or PNG) and by vega-embed in the docs without any other input.
 */
export type VegaLiteSpec = { readonly $schema: string } & { readonly [key: string]: unknown };

/** One plot of an experiment result. */
export interface Plot {
  /** Identifier, unique within the result, usable as a file name: "histograms-sigmoid". */
  readonly name: string;
  /** One line describing what the plot shows. */
  readonly title: string;
  readonly spec: VegaLiteSpec;
}

/** Adds the schema and title to a Vega-Lite spec. */
export function plot(name: string, title: string, spec: Record<string, unknown>): Plot {
  return { name, title, spec: { $schema: VEGA_LITE_SCHEMA, title, ...spec } };
}

/** A number as JSON can hold it: NaN and ±Infinity become null. */
export function jsonNumber(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** A name fit for a plot file: letters, digits, dots and dashes. */
export function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
