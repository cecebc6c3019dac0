// The API reference: TypeDoc reads each landed package's entry points (from the `@fanin/source`
// condition of its exports map, so no build is needed) and typedoc-plugin-markdown writes one
// page per entry point into reference/api/.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Application, Converter, ReflectionKind, TSConfigReader } from 'typedoc';
import { DOCS_ROOT } from './workspace.mjs';

/**
 * @typedef {object} ApiEntry
 * @property {string} name    module name shown, e.g. "@fanin/core/testing"
 * @property {string} source  absolute path of the entry file
 */

/** The file name of an entry point's page, e.g. "@fanin/core/testing" → "core-testing". */
export function apiSlug(name) {
  return name.replace(/^@fanin\//, '').replace(/[^A-Za-z0-9]+/g, '-');
}

/**
 * Runs TypeDoc over the entry points and writes Markdown pages into `outDir`.
 * @param {ApiEntry[]} entries
 * @param {string} outDir  absolute, e.g. <docs>/reference/api
 * @param {(line: string) => void} log
 * @returns {Promise<{ text: string, link: string }[]>} sidebar items, one per entry point
 */
export async function renderApiPages(entries, outDir, log) {
  if (entries.length === 0) return [];
  const byPath = new Map(entries.map((entry) => [entry.source, entry]));
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => entry.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(DOCS_ROOT, 'tsconfig.api.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: outDir,
    readme: 'none',
    // Packages are written by several people at once; a type error in one must not stop the
    // docs (typecheck catches it). TypeDoc still documents what it can resolve.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeProtected: true,
    excludeInternal: true,
    excludeExternals: true,
    disableSources: true,
    githubPages: false,
    hideGenerator: true,
    validation: { notExported: false, invalidLink: false, notDocumented: false, rewrittenLink: false },
    logLevel: 'Warn',
    // typedoc-plugin-markdown
    outputFileStrategy: 'modules',
    excludeScopesInPaths: true,
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    expandParameters: false,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    enumMembersFormat: 'table',
    sanitizeComments: true,
    publicPath: '/reference/api/',
  }, [new TSConfigReader()]);
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    // Name each module after the package entry point it documents.
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const file = module.sources?.[0]?.fullFileName ?? findEntryFile(app, module);
      const entry = file ? byPath.get(file.split('/').join(sep)) : undefined;
      if (entry) module.name = entry.name;
    }
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the messages above)');
  rmSync(outDir, { recursive: true, force: true });
  await app.generateOutputs(project);
  const pages = readdirSync(outDir, { recursive: true }).map(String).filter((file) => file.endsWith('.md'));
  for (const page of pages) writeFileSync(join(outDir, page), postProcess(readFileSync(join(outDir, page), 'utf8')));
  log(`api: ${pages.length} pages from ${entries.length} entry points`);
  return listModules(outDir, entries);
}

/** The entry file TypeDoc resolved for a module without source information. */
function findEntryFile(app, module) {
  const points = app.getEntryPoints() ?? [];
  const point = points.find((candidate) => candidate.displayName === module.name);
  return point?.sourceFile.fileName;
}

/**
 * VitePress compiles pages as Vue templates: text `{{` would be interpolated. TypeDoc's
 * Markdown escapes `<`, so only mustaches need care outside code.
 * @param {string} markdown
 */
function postProcess(markdown) {
  const lines = markdown.split('\n');
  let inFence = false;
  return lines
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      return line.replace(/\{\{/g, '&#123;&#123;').replace(/\}\}/g, '&#125;&#125;');
    })
    .join('\n');
}

/**
 * Sidebar items for the module pages TypeDoc wrote ("@fanin/core/testing" is written as
 * core/testing.md, or core/testing/index.md when it has children).
 * @param {string} outDir
 * @param {ApiEntry[]} entries
 */
function listModules(outDir, entries) {
  const items = [];
  for (const entry of entries) {
    const path = entry.name.replace(/^@[^/]+\//, '').split('/');
    const candidates = [join(outDir, ...path) + '.md', join(outDir, ...path, 'index.md')];
    const found = candidates.find((file) => existsSync(file));
    if (!found) throw new Error(`TypeDoc wrote no page for ${entry.name} (looked for ${candidates.map((file) => relative(DOCS_ROOT, file)).join(', ')})`);
    const link = `/${relative(DOCS_ROOT, found).split(sep).join('/')}`.replace(/index\.md$/, '').replace(/\.md$/, '');
    items.push({ text: entry.name, link });
  }
  return items;
}
