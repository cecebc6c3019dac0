/** Attributes of {@link element}: `class`, `data-*`, `title` ... (values are set as text, never as HTML). */
type Attributes = Readonly<Record<string, string | number | undefined>>;

/**
 * A new element with attributes and children; strings become text nodes, so a study name or
 * a failure reason from the journal is shown as written and never parsed as HTML.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) node.setAttribute(name, String(value));
  for (const child of children)
    if (child !== undefined && child !== false)
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

/** Replaces the children of the element with id `id`. */
export function fill(id: string, ...children: (Node | string | undefined | false)[]): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  node.replaceChildren(
    ...children.filter((child): child is Node | string => child !== undefined && child !== false),
  );
  return node;
}

/** A number as the CLI prints it: 4 significant digits, exponent notation when tiny or huge. */
export function formatNumber(value: number | null): string {
  if (value === null) return '–';
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e5) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

/** A parameter value for a table cell. */
export function formatParam(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (value === null || value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
