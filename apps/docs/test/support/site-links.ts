// Checks a link of the built site: a site-internal target must be a page or file of the site,
// its #anchor an id on that page, and no href may hold a backslash (a Markdown escape that
// leaked into a URL, raw or percent-encoded as %5C).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_DIST } from './site-build.js';

/** A link as the page has it: the attribute and the URL the browser resolved it to. */
export interface PageLink {
  readonly href: string;
  readonly resolved: string;
}

/** The built file a clean URL path serves ("/guide/x" → guide/x.html), if any. */
export function siteFile(pathname: string): string | undefined {
  const path = decodeURIComponent(pathname).replace(/\/$/, '/index');
  const file = join(SITE_DIST, path);
  return [file, `${file}.html`].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

const anchorCache = new Map<string, ReadonlySet<string>>();

/** The ids (and anchor names) of a built HTML page: what a #fragment can point at. */
export function anchorsOf(file: string): ReadonlySet<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) {
    const html = readFileSync(file, 'utf8');
    anchors = new Set(
      [...html.matchAll(/<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)"/g)].map((match) =>
        match[1]!.replace(/&(?:amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity]!),
      ),
    );
    anchorCache.set(file, anchors);
  }
  return anchors;
}

/** What is wrong with a link of a page served at `origin`, or undefined when nothing is. */
export function linkProblem(link: PageLink, origin: string): string | undefined {
  if (link.href.includes('\\') || /%5c/i.test(link.href))
    return `href with a backslash ${link.href}`;
  const url = new URL(link.resolved);
  // blob: and data: URLs (a demo's download link) share the page's origin but are no site path.
  if (!/^https?:$/.test(url.protocol) || url.origin !== origin) return undefined;
  const file = siteFile(url.pathname);
  if (!file) return `broken link ${link.href}`;
  const anchor = decodeURIComponent(url.hash.replace(/^#/, ''));
  if (anchor && file.endsWith('.html') && !anchorsOf(file).has(anchor))
    return `missing anchor ${link.href} (no id "${anchor}" on ${url.pathname})`;
  return undefined;
}
