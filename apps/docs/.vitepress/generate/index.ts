// Generates the reference part of the site from the code. `.vitepress/config.ts` calls it, so
// it runs before every `vitepress build` and `vitepress dev`:
//
// - one page per registry entry, from the plugins the landed packages export;
// - the API reference (TypeDoc over the packages' sources);
// - the classic experiments, from the `experiments` table of @fanin/experiments
//   (reference/experiments/);
// - the CLI reference, from the `commands` export of @fanin/cli (reference/cli/).
//
// Output goes to reference/, which is gitignored: rebuilt from the code every time, it cannot
// drift from it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Core from '@fanin/core';
import { activationSvg, sampleActivation } from './activation-plot.js';
import { renderApiPages } from './api-pages.js';
import { demoPages } from './availability.js';
import { type Manifest, renderReferenceIndex } from './reference-index.js';
import { renderReferencePages } from './reference-pages.js';
import { DOCS_ROOT, ensureBuilt, faninPackages, loadPackages } from './workspace.js';

/** Where the generated pages go (relative links in them start with /reference/). */
export const REFERENCE_DIR = join(DOCS_ROOT, 'reference');

/** Regenerates reference/ and returns what the sidebar lists. */
export async function generateReference(
  log: (line: string) => void = (line) => console.log(`[docs] ${line}`),
): Promise<Manifest> {
  const started = Date.now();
  const packages = faninPackages();
  const landed = packages.filter((pkg) => pkg.landed);
  const waiting = packages.filter((pkg) => !pkg.landed);
  log(`packages with code: ${landed.map((pkg) => pkg.name).join(', ') || 'none'}`);
  if (waiting.length > 0)
    log(`not landed yet, left out: ${waiting.map((pkg) => pkg.name).join(', ')}`);
  ensureBuilt(packages, log);
  const loaded = await loadPackages(packages);
  const core = loaded.find((item) => item.entry.name === '@fanin/core')?.exports as
    | typeof Core
    | undefined;
  if (!core) throw new Error('@fanin/core could not be loaded; the reference needs it');

  rmSync(REFERENCE_DIR, { recursive: true, force: true });

  // Registry entries (with a plot computed on cpu for every activation that is a function of
  // one number), the experiments and the CLI commands, each in its own folder.
  await core.useBackend('cpu');
  const explorer = demoPages().find(
    (demo) => demo.link === '/demos/activation-explorer' && demo.missing.length === 0,
  );
  const modules = loaded
    .filter((item) => item.entry.subpath === '.')
    .map((item) => ({ packageName: item.pkg.name, exports: item.exports }));
  const rendered = renderReferencePages(core, modules, {
    manifests: new Map(packages.map((pkg) => [pkg.name, pkg.manifest])),
    plotFor: (info, registry) => {
      const samples = sampleActivation(core, registry, info);
      return samples
        ? activationSvg(info.name, samples, explorer ? { explorerLink: explorer.link } : {})
        : undefined;
    },
  });
  const { pages } = rendered;
  log(`plugins: ${rendered.sources.plugins.join(', ') || 'none'}`);
  log(`experiments: ${rendered.sources.experimentTables.join(', ') || 'none'}`);
  if (!rendered.sources.cli)
    log(
      'cli: no package exports `commands` yet (the CLI reference appears when @fanin/cli does and is a docs dependency)',
    );

  for (const page of pages) {
    const file = join(DOCS_ROOT, page.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.content);
  }

  // The API reference, from every landed entry point.
  const apiEntries = landed.flatMap((pkg) =>
    pkg.entries.map((entry) => ({ name: entry.name, source: entry.source })),
  );
  const api = await renderApiPages(apiEntries, join(REFERENCE_DIR, 'api'), log);

  const manifest: Manifest = {
    sections: rendered.sections,
    experiments: rendered.experiments,
    api,
    cli: rendered.cli,
  };
  writeFileSync(join(REFERENCE_DIR, 'index.md'), renderReferenceIndex(manifest));
  writeFileSync(join(REFERENCE_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(
    `reference: ${pages.length} registry, experiment and CLI pages, ${api.length} API modules, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return manifest;
}
