import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A Vega-Lite v5 spec with its data inlined (what `@fanin/experiments` plots are). */
export type VegaLiteSpec = { readonly [key: string]: unknown };

/** A loader that refuses to fetch: every plot's data is inline, and a report never touches the network. */
const offline = vega.loader({ mode: 'file' });
offline.load = async (uri: string) => {
  throw new Error(`plots must carry their data inline; refusing to load ${uri}`);
};

/**
 * Renders a Vega-Lite spec to a standalone SVG document: compiled to Vega, run headless
 * (`renderer: 'none'`), serialized with `toSVG()`. Text sizes are estimated, as no canvas
 * is loaded; fonts fall back to the system's sans-serif.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: offline });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterizes an SVG to PNG bytes with resvg, `scale` times its size (2 for sharp screens), on white. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
