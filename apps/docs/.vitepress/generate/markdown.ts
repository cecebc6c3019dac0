// Small helpers for writing Markdown that VitePress (Markdown + Vue templates) renders as text.

/**
 * Escapes prose for a Markdown paragraph inside a Vue-compiled page: HTML-significant
 * characters, Vue's `{{` interpolation and emphasis markers (descriptions write formulas such
 * as `alpha * x`). Backtick code spans are kept as written, and bare URLs become autolinks
 * (`<https://...>`), whose text Markdown takes verbatim: escaping the `_` of
 * `make_blobs.html` would put a backslash into the link's href.
 */
export function escapeText(text: unknown): string {
  return String(text ?? '')
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeUrlsAndProse(part)))
    .join('');
}

/** A bare http(s) URL, without the punctuation that usually follows one in prose. */
const BARE_URL = /(https?:\/\/[^\s<>|`]*[^\s<>|`.,;:!?'")\]])/;

function escapeUrlsAndProse(text: string): string {
  return text
    .split(BARE_URL)
    .map((part, index) => (index % 2 === 1 ? `<${part}>` : escapeProse(part)))
    .join('');
}

function escapeProse(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{\{/g, '&#123;&#123;')
    .replace(/\}\}/g, '&#125;&#125;')
    .replace(/([*_\\[\]])/g, '\\$1');
}

/** Escapes text for a table cell: also pipes and line breaks. */
export function escapeCell(text: unknown): string {
  return escapeText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Inline code in a table cell. Pipes cannot be escaped inside backticks in every renderer, so
 * code containing a pipe or a backtick is written as an HTML <code> element.
 */
export function inlineCode(value: unknown): string {
  const text = String(value);
  if (text.includes('|') || text.includes('`'))
    return `<code>${escapeProse(text).replace(/\|/g, '&#124;')}</code>`;
  return `\`${text}\``;
}

/** A fenced code block. */
export function codeBlock(language: string, code: string): string {
  const fence = code.includes('```') ? '````' : '```';
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/** A Markdown table. Cells are used as given (escape them with escapeCell or inlineCode). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** YAML frontmatter (JSON strings are valid YAML scalars). */
export function frontmatter(fields: Record<string, string | number | boolean | undefined>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return `---\n${lines.join('\n')}\n---`;
}

/** A number as people write it: integers plainly, others to 6 significant digits, infinities as ∞. */
export function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '−∞';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(6)));
}

/** A JSON value for display (numbers with formatNumber, the rest as compact JSON). */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  return JSON.stringify(value);
}

/** The kebab-case form of a camelCase name (the house style's file name for an entry). */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();
}
