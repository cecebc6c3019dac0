// Generates the reference part of the site from the code, before every `vitepress build` and
// `vitepress dev`: one page per registry entry (from the plugins the landed packages export),
// the API reference (TypeDoc), and the CLI reference (from @fanin/cli's `commands` export,
// once it is a dependency). Output goes to reference/, which is gitignored: it is rebuilt from
// the code every time, so it cannot drift from it.
//
//   node scripts/generate.mjs          (run by the build and dev scripts)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderReferenceIndex } from './generate/reference-index.mjs';
import { activationSvg, sampleActivation } from './generate/activation-plot.mjs';
import { renderApiPages } from './generate/api-pages.mjs';
import { demoPages } from './generate/availability.mjs';
import { renderCliPages } from './generate/cli-pages.mjs';
import { findPlugins, renderRegistryPages } from './generate/registry-pages.mjs';
import { DOCS_ROOT, ensureBuilt, faninPackages, loadPackages } from './generate/workspace.mjs';

const REFERENCE = join(DOCS_ROOT, 'reference');

const log = (line) => console.log(`[docs:generate] ${line}`);

export async function generate() {
  const started = Date.now();
  const packages = faninPackages();
  const landed = packages.filter((pkg) => pkg.landed);
  const waiting = packages.filter((pkg) => !pkg.landed);
  log(`packages with code: ${landed.map((pkg) => pkg.name).join(', ') || 'none'}`);
  if (waiting.length > 0) log(`not landed yet (left out): ${waiting.map((pkg) => pkg.name).join(', ')}`);
  ensureBuilt(packages, log);
  const loaded = await loadPackages(packages);
  const core = loaded.find((item) => item.entry.name === '@fanin/core')?.exports;
  if (!core) throw new Error('@fanin/core could not be loaded; the reference needs it');

  rmSync(REFERENCE, { recursive: true, force: true });
  /** @type {{ path: string, content: string }[]} */
  const pages = [];

  // Registry entries.
  const pluginSources = loaded.filter((item) => item.entry.subpath === '.').flatMap((item) => findPlugins(core, item.pkg.name, item.exports));
  log(`plugins: ${pluginSources.map((source) => `${source.exportName} (${source.packageName})`).join(', ') || 'none'}`);
  await core.useBackend('cpu');
  const explorer = demoPages().find((demo) => demo.link === '/demos/activation-explorer');
  const registry = core.createRegistry({ plugins: pluginSources.map((source) => source.plugin) });
  const plotFor = (info) => {
    const samples = sampleActivation(core, registry, info);
    return samples ? activationSvg(info.name, samples, { explorerLink: explorer && explorer.missing.length === 0 ? explorer.link : undefined }) : undefined;
  };
  const { pages: registryPages, sections } = renderRegistryPages(core, pluginSources, { plotFor });
  pages.push(...registryPages);

  // CLI, from any landed package that exports `commands` (that is @fanin/cli).
  const cliSource = loaded.find((item) => item.entry.subpath === '.' && item.exports.commands !== undefined);
  const cli = cliSource ? renderCliPages(cliSource.exports.commands) : { pages: [], items: [] };
  pages.push(...cli.pages);
  if (!cliSource) log('cli: no package exports `commands` yet (add @fanin/cli to the docs dependencies when it does)');

  for (const page of pages) {
    const file = join(DOCS_ROOT, page.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.content);
  }

  // API reference from every landed entry point.
  const apiEntries = landed.flatMap((pkg) => pkg.entries.map((entry) => ({ name: entry.name, source: entry.source })));
  const api = await renderApiPages(apiEntries, join(REFERENCE, 'api'), log);

  writeFileSync(join(REFERENCE, 'index.md'), renderReferenceIndex({ sections, api, cli: cli.items }));
  const manifest = { sections, api, cli: cli.items };
  writeFileSync(join(REFERENCE, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`${pages.length} registry/cli pages, ${api.length} api modules in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await generate();
