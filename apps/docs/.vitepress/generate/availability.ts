// Which pages can be built yet. A demo page declares what it needs in its frontmatter:
//
//   requires: ["@fanin/activations", "@fanin/core#fit"]
//
// "@fanin/x" needs the package to have landed (a src/index.ts that exports something);
// "@fanin/x#name" also needs `name` among the exports of its src/index.ts. Pages whose needs
// are not met are left out of the build (and the sidebar) until the code lands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DOCS_ROOT, faninPackages, type WorkspacePackage } from './workspace.js';

/**
 * The names a TypeScript module exports, following `export * from './x.js'` re-exports.
 * Reads the source text (a package's table of contents is plain export statements).
 */
export function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file) || !existsSync(file)) return names;
  seen.add(file);
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const words = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/);
      const name = (words[1] ?? words[0] ?? '').trim();
      if (name) names.add(name);
    }
  }
  const declarations =
    /export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;
  for (const match of text.matchAll(declarations)) if (match[1]) names.add(match[1]);
  for (const match of text.matchAll(/export\s+\*\s+as\s+([A-Za-z_$][\w$]*)\s+from/g))
    if (match[1]) names.add(match[1]);
  for (const match of text.matchAll(/export\s+\*\s+from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), match[1] ?? '').replace(/\.js$/, '.ts');
    const found = [target, `${target}.ts`, join(target, 'index.ts')].find((candidate) =>
      existsSync(candidate),
    );
    if (found) for (const name of exportedNames(found, seen)) names.add(name);
  }
  return names;
}

/** The `title`, `description` and `requires` of a page's YAML frontmatter. */
export function pageFrontmatter(file: string): {
  title?: string;
  description?: string;
  requires: string[];
} {
  const text = readFileSync(file, 'utf8');
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const unquote = (value: string | undefined) =>
    value ? value.replace(/^["']|["']$/g, '') : undefined;
  const requires = field('requires');
  const title = unquote(field('title'));
  const description = unquote(field('description'));
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    requires: requires ? (JSON.parse(requires.replace(/'/g, '"')) as string[]) : [],
  };
}

/** The unmet requirements of a list, each explained in a few words. */
export function unmetRequirements(
  requires: readonly string[],
  packages: readonly WorkspacePackage[] = faninPackages(),
): string[] {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const missing: string[] = [];
  for (const requirement of requires) {
    const [name = '', exportName] = requirement.split('#');
    const pkg = byName.get(name);
    if (!pkg) {
      missing.push(`${name} is not a dependency of @fanin/docs`);
    } else if (!pkg.landed) {
      missing.push(`${name} has no src/index.ts with exports yet`);
    } else if (exportName) {
      const main = pkg.entries.find((entry) => entry.subpath === '.');
      if (!main || !exportedNames(main.source).has(exportName))
        missing.push(`${name} does not export ${exportName} yet`);
    }
  }
  return missing;
}

export interface DemoPage {
  /** Relative to the docs root, e.g. "demos/sweep-viewer.md". */
  readonly path: string;
  readonly link: string;
  readonly title: string;
  readonly description: string;
  readonly requires: readonly string[];
  readonly missing: readonly string[];
}

/** The demo pages and whether each can be built. */
export function demoPages(): DemoPage[] {
  const directory = join(DOCS_ROOT, 'demos');
  if (!existsSync(directory)) return [];
  const packages = faninPackages();
  return readdirSync(directory)
    .filter((file) => file.endsWith('.md') && file !== 'index.md')
    .sort()
    .map((file) => {
      const { title, description, requires } = pageFrontmatter(join(directory, file));
      return {
        path: `demos/${file}`,
        link: `/demos/${file.replace(/\.md$/, '')}`,
        title: title ?? file,
        description: description ?? '',
        requires,
        missing: unmetRequirements(requires, packages),
      };
    });
}
