// The API reference: TypeDoc reads each landed package's entry points (from the `@fanin/source`
// condition of its exports map, so no build is needed) and typedoc-plugin-markdown writes one
// page per entry point into reference/api/.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  Application,
  Converter,
  type DeclarationReflection,
  ReflectionKind,
  TSConfigReader,
} from 'typedoc';
import { DOCS_ROOT } from './workspace.js';

export interface ApiEntry {
  /** The module name shown, e.g. "@fanin/core/testing". */
  readonly name: string;
  /** Absolute path of the entry file. */
  readonly source: string;
}

export interface SidebarItem {
  readonly text: string;
  readonly link: string;
}

/**
 * Runs TypeDoc over the entry points and writes Markdown pages into `outDir`.
 * Returns one sidebar item per entry point.
 */
export async function renderApiPages(
  entries: readonly ApiEntry[],
  outDir: string,
  log: (line: string) => void,
): Promise<SidebarItem[]> {
  if (entries.length === 0) return [];
  const byPath = new Map(entries.map((entry) => [entry.source, entry]));
  const options = {
    entryPoints: entries.map((entry) => entry.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(DOCS_ROOT, 'tsconfig.api.json'),
    plugin: ['typedoc-plugin-markdown'],
    out: outDir,
    name: 'fanin API',
    readme: 'none',
    // Packages are written by several people at once; a type error in one must not stop the
    // docs (each package's typecheck catches it). TypeDoc documents what it can resolve.
    skipErrorChecking: true,
    excludePrivate: true,
    excludeProtected: true,
    excludeInternal: true,
    excludeExternals: true,
    disableSources: true,
    githubPages: false,
    hideGenerator: true,
    validation: {
      notExported: false,
      invalidLink: false,
      notDocumented: false,
      rewrittenLink: false,
    },
    logLevel: 'Warn',
    // typedoc-plugin-markdown: one page per entry point, paths without the @fanin scope.
    outputFileStrategy: 'modules',
    excludeScopesInPaths: true,
    entryFileName: 'index',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    // Headings carry the ids the plugin's links use ({#featuretransformstate-1},
    // {#fashion_mnist_class_names}): VitePress would otherwise slug them its own way (no
    // underscores, its own numbering of repeated names) and break those links.
    useCustomAnchors: true,
    parametersFormat: 'table',
    interfacePropertiesFormat: 'table',
    classPropertiesFormat: 'table',
    typeDeclarationFormat: 'table',
    enumMembersFormat: 'table',
    sanitizeComments: true,
    publicPath: '/reference/api/',
  };
  // The plugin's options are not in TypeDoc's own option types.
  const app = await Application.bootstrapWithPlugins(
    options as Parameters<typeof Application.bootstrapWithPlugins>[0],
    [new TSConfigReader()],
  );
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    // Name each module after the package entry point it documents.
    for (const module of context.project.getChildrenByKind(
      ReflectionKind.Module,
    ) as DeclarationReflection[]) {
      const file = module.sources?.[0]?.fullFileName ?? entryFileOf(app, module.name);
      const entry = file ? byPath.get(file.split('/').join(sep)) : undefined;
      if (entry) module.name = entry.name;
    }
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the messages above)');
  rmSync(outDir, { recursive: true, force: true });
  await app.generateOutputs(project);
  const pages = readdirSync(outDir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.md'));
  for (const page of pages)
    writeFileSync(join(outDir, page), escapeMustaches(readFileSync(join(outDir, page), 'utf8')));
  log(`api: ${pages.length} pages from ${entries.length} entry points`);
  return listModules(outDir, entries);
}

/** The entry file TypeDoc resolved for a module without source information. */
function entryFileOf(app: Application, moduleName: string): string | undefined {
  return app.getEntryPoints()?.find((point) => point.displayName === moduleName)?.sourceFile
    .fileName;
}

/**
 * VitePress compiles pages as Vue templates, so text `{{` would be interpolated. TypeDoc's
 * Markdown escapes `<`; only mustaches outside code need care.
 */
export function escapeMustaches(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
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
 */
function listModules(outDir: string, entries: readonly ApiEntry[]): SidebarItem[] {
  return entries.map((entry) => {
    const path = entry.name.replace(/^@[^/]+\//, '').split('/');
    const candidates = [`${join(outDir, ...path)}.md`, join(outDir, ...path, 'index.md')];
    const found = candidates.find((file) => existsSync(file));
    if (!found)
      throw new Error(
        `TypeDoc wrote no page for ${entry.name} (looked for ${candidates.map((file) => relative(DOCS_ROOT, file)).join(', ')})`,
      );
    const link = `/${relative(DOCS_ROOT, found).split(sep).join('/')}`
      .replace(/index\.md$/, '')
      .replace(/\.md$/, '');
    return { text: entry.name, link };
  });
}
