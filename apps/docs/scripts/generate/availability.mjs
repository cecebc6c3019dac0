// Which pages can be built yet. A demo page declares what it needs in its frontmatter:
//
//   requires: ["@fanin/activations", "@fanin/core#fit"]
//
// "@fanin/x" needs the package to have landed (a src/index.ts that exports something);
// "@fanin/x#name" also needs `name` among the exports of its src/index.ts. Pages whose needs
// are not met are left out of the build (and the sidebar) until the code lands.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DOCS_ROOT, faninPackages } from './workspace.mjs';

/**
 * The names a TypeScript module exports, following `export * from './x.js'` re-exports.
 * Reads the source text (a package's table of contents is plain export statements).
 * @param {string} file
 * @param {Set<string>} [seen]
 * @returns {Set<string>}
 */
export function exportedNames(file, seen = new Set()) {
  const names = new Set();
  if (seen.has(file) || !existsSync(file)) return names;
  seen.add(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const match of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of match[1].split(',')) {
      const words = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/);
      const name = (words[1] ?? words[0]).trim();
      if (name) names.add(name);
    }
  }
  for (const match of text.matchAll(/export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g)) {
    names.add(match[1]);
  }
  for (const match of text.matchAll(/export\s+\*\s+as\s+([A-Za-z_$][\w$]*)\s+from/g)) names.add(match[1]);
  for (const match of text.matchAll(/export\s+\*\s+from\s+['"](\.[^'"]+)['"]/g)) {
    const target = resolve(dirname(file), match[1]).replace(/\.js$/, '.ts');
    const candidates = [target, `${target}.ts`, join(target, 'index.ts')];
    const found = candidates.find((candidate) => existsSync(candidate));
    if (found) for (const name of exportedNames(found, seen)) names.add(name);
  }
  return names;
}

/**
 * Reads the `requires` list and `title` from a page's YAML frontmatter.
 * @param {string} file
 */
export function pageFrontmatter(file) {
  const text = readFileSync(file, 'utf8');
  const block = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const field = (key) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const requires = field('requires');
  const title = field('title');
  return {
    title: title ? title.replace(/^["']|["']$/g, '') : undefined,
    requires: requires ? /** @type {string[]} */ (JSON.parse(requires.replace(/'/g, '"'))) : [],
  };
}

/**
 * Checks a list of requirements against the workspace.
 * @param {string[]} requires
 * @param {ReturnType<typeof faninPackages>} [packages]
 * @returns {string[]} the unmet requirements, explained
 */
export function unmetRequirements(requires, packages = faninPackages()) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const missing = [];
  for (const requirement of requires) {
    const [name, exportName] = requirement.split('#');
    const pkg = byName.get(name);
    if (!pkg) {
      missing.push(`${name} is not a dependency of @fanin/docs`);
      continue;
    }
    if (!pkg.landed) {
      missing.push(`${name} has no src/index.ts with exports yet`);
      continue;
    }
    if (exportName) {
      const main = pkg.entries.find((entry) => entry.subpath === '.');
      if (!main || !exportedNames(main.source).has(exportName)) missing.push(`${name} does not export ${exportName} yet`);
    }
  }
  return missing;
}

/**
 * The demo pages and whether each can be built.
 * @returns {{ path: string, link: string, title: string, requires: string[], missing: string[] }[]}
 */
export function demoPages() {
  const directory = join(DOCS_ROOT, 'demos');
  if (!existsSync(directory)) return [];
  const packages = faninPackages();
  return readdirSync(directory)
    .filter((file) => file.endsWith('.md') && file !== 'index.md')
    .sort()
    .map((file) => {
      const { title, requires } = pageFrontmatter(join(directory, file));
      return {
        path: `demos/${file}`,
        link: `/demos/${file.replace(/\.md$/, '')}`,
        title: title ?? file,
        requires,
        missing: unmetRequirements(requires, packages),
      };
    });
}
