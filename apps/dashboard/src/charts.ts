import embed, { type Result } from 'vega-embed';
import { element } from './dom.js';
import type { ChartView } from './protocol.js';
import type { Row } from './rows.js';

/**
 * The Vega-Lite charts of the page. They are embedded once (again only when the server
 * sends new specs); new data goes into the running views' named data sources, so a chart
 * keeps its tooltips and does not flicker while trials arrive.
 */
export class ChartBoard {
  private views: { readonly result: Result; readonly names: readonly string[] }[] = [];
  private embedding: Promise<void> = Promise.resolve();
  private latest: Record<string, Row[]> = {};

  constructor(private readonly container: HTMLElement) {}

  /** Embeds `charts` in place of the current ones, then fills them with `data`. */
  replace(charts: readonly ChartView[], data: Record<string, Row[]>): Promise<void> {
    this.latest = data;
    this.embedding = this.embedding.then(async () => {
      for (const view of this.views) view.result.finalize();
      this.views = [];
      this.container.replaceChildren();
      for (const chart of charts) {
        const target = element('div', { class: 'chart-canvas' });
        this.container.append(
          element(
            'figure',
            { class: 'chart', id: `chart-${chart.id}`, 'data-chart': chart.id },
            element(
              'figcaption',
              {},
              element('h3', {}, chart.title),
              element('p', {}, chart.description),
            ),
            target,
          ),
        );
        const result = await embed(target, chart.spec as never, {
          actions: { export: true, source: false, compiled: false, editor: false },
          renderer: 'svg',
          // Charts are embedded before their data arrives: no warnings about empty extents.
          logLevel: 1,
          tooltip: { theme: 'light' },
        });
        this.views.push({ result, names: namesOf(chart.spec) });
      }
      await this.fill(this.latest);
    });
    return this.embedding;
  }

  /** Puts new rows into every chart's data sources. */
  update(data: Record<string, Row[]>): Promise<void> {
    this.latest = data;
    this.embedding = this.embedding.then(() => this.fill(this.latest));
    return this.embedding;
  }

  private async fill(data: Record<string, Row[]>): Promise<void> {
    for (const { result, names } of this.views) {
      for (const name of names) result.view.data(name, structuredClone(data[name] ?? []));
      await result.view.runAsync();
    }
  }
}

/** The named data sources a Vega-Lite spec reads (`data: { name }` at any depth). */
function namesOf(spec: unknown, names = new Set<string>()): string[] {
  if (Array.isArray(spec)) for (const item of spec) namesOf(item, names);
  else if (spec && typeof spec === 'object') {
    const data = (spec as { data?: { name?: unknown } }).data;
    if (data && typeof data.name === 'string') names.add(data.name);
    for (const value of Object.values(spec)) if (typeof value === 'object') namesOf(value, names);
  }
  return [...names];
}
