import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlReport } from './html-report.js';

describe('htmlReport', () => {
  it('inlines every plot and escapes every text', () => {
    const html = htmlReport({
      title: 'Runs <1>',
      generatedAt: new Date('2025-01-02T03:04:05Z'),
      facts: ['backend wasm'],
      sections: [
        {
          id: 'distributions',
          title: 'Activation & distributions',
          description: 'x < y',
          summary: 'a "table"',
          seconds: 1.25,
          plots: [
            {
              name: 'std',
              title: 'Std <by> layer',
              svg: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
              files: ['d-std.svg', 'd-std.png'],
            },
          ],
        },
      ],
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Runs &lt;1&gt;</title>');
    expect(html).toContain('<h2>Activation &amp; distributions</h2>');
    expect(html).toContain('<pre>a &quot;table&quot;</pre>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<a href="d-std.png">PNG</a>');
    expect(html).not.toMatch(/<script|<link /);
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
