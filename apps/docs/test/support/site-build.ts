import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DOCS_ROOT } from './paths.js';

/** Where `vitepress build` writes the site. */
export const SITE_DIST = join(DOCS_ROOT, '.vitepress', 'dist');

/**
 * Makes sure the built site exists. Under `turbo run test` the docs' own `build` task has run
 * first; a plain `vitest run` builds it here (FANIN_DOCS_REBUILD=1 forces a fresh build). The
 * build regenerates the reference pages from the code (see .vitepress/generate/).
 */
export function ensureSiteBuilt(): void {
  if (existsSync(join(SITE_DIST, 'index.html')) && process.env.FANIN_DOCS_REBUILD !== '1') return;
  execFileSync(
    process.execPath,
    [join(DOCS_ROOT, 'node_modules', 'vitepress', 'bin', 'vitepress.js'), 'build'],
    { cwd: DOCS_ROOT, stdio: 'inherit' },
  );
}

/** Every page of the built site as a clean URL path ("/", "/guide/activations", ...). */
export function sitePages(): string[] {
  const pages: string[] = [];
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'assets') visit(path);
      } else if (entry.name.endsWith('.html') && entry.name !== '404.html') {
        const url = `/${relative(SITE_DIST, path).split(sep).join('/')}`;
        pages.push(url.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, ''));
      }
    }
  };
  visit(SITE_DIST);
  return pages.sort();
}
