import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { ReportPlot } from './html-report.js';
import type { VegaLiteSpec } from './vega.js';

/** A plot to render: a file-safe name, a title and its Vega-Lite spec. */
export interface PlotInput {
  readonly name: string;
  readonly title: string;
  readonly spec: VegaLiteSpec;
}

/** A name fit for a file: letters, digits, dots and dashes. */
export function fileSlug(text: string): string {
  return (
    text
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/[^A-Za-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'plot'
  );
}

/**
 * Renders each plot to `<directory>/<prefix>-<name>.svg` and `.png` (written atomically) and
 * returns them for the HTML report.
 */
export async function writePlots(
  plots: readonly PlotInput[],
  directory: string,
  prefix: string,
): Promise<ReportPlot[]> {
  // vega, vega-lite and resvg load only when something is drawn (they are slow to import).
  const { renderSvg, svgToPng } = await import('./vega.js');
  const written: ReportPlot[] = [];
  const used = new Set<string>();
  for (const plot of plots) {
    let base = fileSlug(`${prefix}-${plot.name}`);
    for (let n = 2; used.has(base); n++) base = `${fileSlug(`${prefix}-${plot.name}`)}-${n}`;
    used.add(base);
    const svg = await renderSvg(plot.spec);
    writeFileAtomic(join(directory, `${base}.svg`), svg);
    writeFileAtomic(join(directory, `${base}.png`), svgToPng(svg));
    written.push({
      name: plot.name,
      title: plot.title,
      svg,
      files: [`${base}.svg`, `${base}.png`],
    });
  }
  return written;
}
