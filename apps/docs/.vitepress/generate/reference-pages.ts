// Every generated Markdown page of the reference except the API (TypeDoc writes those): the
// registry entries, the classic studies and the CLI commands, each source in its own folder
// (reference/<kind>/, reference/studies/, reference/cli/). A path written twice fails.
import type { EntryInfo, JsonSchema, OptionSpec, Registry } from '@fanin/core';
import { renderCliPages } from './cli-pages.js';
import { installLine, optionalPeers, type PeerManifest } from './install-line.js';
import { PageSet } from './page-set.js';
import type { Manifest } from './reference-index.js';
import {
  type CoreModule,
  findPlugins,
  type GeneratedPage,
  renderRegistryPages,
} from './registry-pages.js';
import { isStudyTable, renderStudyPages } from './study-pages.js';

/** A package's main entry point, loaded. */
export interface LoadedModule {
  readonly packageName: string;
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface ReferenceCore extends CoreModule {
  optionsJsonSchema(shape: Readonly<Record<string, OptionSpec>>): JsonSchema;
}

export interface ReferencePages {
  readonly pages: GeneratedPage[];
  readonly sections: Manifest['sections'];
  readonly studies: Manifest['studies'];
  readonly cli: Manifest['cli'];
  /** Where each part came from, for the build log. */
  readonly sources: {
    readonly plugins: readonly string[];
    readonly studyTables: readonly string[];
    readonly cli: string | undefined;
  };
}

/** Renders the registry, study and CLI pages from the loaded main entry points. */
export function renderReferencePages(
  core: ReferenceCore,
  modules: readonly LoadedModule[],
  options: {
    plotFor?: (info: EntryInfo, registry: Registry) => string | undefined;
    /** The packages' manifests by name: usage samples then start with their npm install line. */
    manifests?: ReadonlyMap<string, PeerManifest>;
  } = {},
): ReferencePages {
  const set = new PageSet();
  const { manifests } = options;
  const installFor = manifests
    ? (packages: readonly string[]) => installLine(packages, manifests)
    : undefined;

  const pluginSources = modules.flatMap((module) =>
    findPlugins(core, module.packageName, module.exports),
  );
  // An entry named like an optional peer of its package is that peer's data (the mnist
  // dataset of @fanin/datasets loads the mnist package): its install line includes it.
  const registry = renderRegistryPages(core, pluginSources, {
    ...(options.plotFor ? { plotFor: options.plotFor } : {}),
    ...(manifests
      ? {
          installFor: (packages: readonly string[], info: EntryInfo) =>
            installLine(
              [
                ...packages,
                ...packages
                  .flatMap((name) => optionalPeers(manifests.get(name)))
                  .filter((peer) => peer === info.name),
              ],
              manifests,
            ),
        }
      : {}),
  });
  set.add(registry.pages, 'the registry entries');

  // The classic studies, from any package that exports a table of them (@fanin/experiments).
  const studies: Manifest['studies'][number][] = [];
  const studyTables: string[] = [];
  for (const module of modules) {
    for (const [exportName, value] of Object.entries(module.exports)) {
      if (!isStudyTable(value)) continue;
      const rendered = renderStudyPages(
        value,
        module.packageName,
        exportName,
        (shape) => core.optionsJsonSchema(shape),
        installFor ? { installFor } : {},
      );
      const source = `the study table ${exportName} of ${module.packageName}`;
      set.add(rendered.pages, source);
      studies.push(...rendered.entries);
      studyTables.push(`${exportName} (${module.packageName})`);
    }
  }

  // The CLI, from the package that exports `commands` (@fanin/cli).
  const cliModule = modules.find((module) => module.exports.commands !== undefined);
  const cli = cliModule
    ? renderCliPages(cliModule.exports.commands, { packageName: cliModule.packageName })
    : { pages: [], items: [] };
  if (cliModule) set.add(cli.pages, `the commands of ${cliModule.packageName}`);

  return {
    pages: set.pages,
    sections: registry.sections,
    studies,
    cli: cli.items,
    sources: {
      plugins: pluginSources.map((source) => `${source.exportName} (${source.packageName})`),
      studyTables,
      cli: cliModule?.packageName,
    },
  };
}
