/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A rendered plot in a report section. */
export interface ReportPlot {
  readonly name: string;
  readonly title: string;
  /** The SVG document (inlined as is). */
  readonly svg: string;
  /** File names of the plot's SVG and PNG next to the report. */
  readonly files: readonly string[];
}

/** One section of the report: an experiment (`fanin experiments`) or a sweep (`fanin report`). */
export interface ReportSection {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Plain-text summary lines (tables included), shown preformatted. */
  readonly summary: string;
  readonly plots: readonly ReportPlot[];
  /** Seconds the run took (not shown when absent). */
  readonly seconds?: number;
}

/** What the report says about the run as a whole. */
export interface ReportInfo {
  readonly title: string;
  readonly generatedAt: Date;
  /** Lines such as "backend wasm", "size quick", "fanin 0.0.0". */
  readonly facts: readonly string[];
  readonly sections: readonly ReportSection[];
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}
h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.facts{color:#57606a}.toc a{margin-right:1rem}
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;font-size:.85rem;border-radius:6px}
figure{margin:1.5rem 0}figcaption{color:#57606a;font-size:.9rem}
figure svg{max-width:100%;height:auto}
`;

/**
 * One self-contained HTML page: every plot inlined as SVG, no script, no external file, so
 * it opens from disk, in an e-mail or in CI artifacts the same way.
 */
export function htmlReport(info: ReportInfo): string {
  const sections = info.sections.map((section) => {
    const figures = section.plots.map(
      (plot) =>
        `<figure id="${escapeHtml(`${section.id}-${plot.name}`)}">\n${stripXmlDeclaration(plot.svg)}\n<figcaption>${escapeHtml(plot.title)} (${plot.files.map((file) => `<a href="${escapeHtml(file)}">${escapeHtml(file.split('.').pop()!.toUpperCase())}</a>`).join(', ')})</figcaption>\n</figure>`,
    );
    return [
      `<section id="${escapeHtml(section.id)}">`,
      `<h2>${escapeHtml(section.title)}</h2>`,
      `<p>${escapeHtml(section.description)}</p>`,
      section.summary ? `<pre>${escapeHtml(section.summary)}</pre>` : '',
      ...figures,
      section.seconds !== undefined ? `<p class="facts">${section.seconds.toFixed(1)} s</p>` : '',
      '</section>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(info.title)}</h1>
<p class="facts">${escapeHtml([info.generatedAt.toISOString(), ...info.facts].join(' · '))}</p>
<nav class="toc">${info.sections.map((section) => `<a href="#${escapeHtml(section.id)}">${escapeHtml(section.title)}</a>`).join('')}</nav>
${sections.join('\n')}
</body>
</html>
`;
}

function stripXmlDeclaration(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}
