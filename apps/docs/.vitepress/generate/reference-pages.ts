// Every generated Markdown page of the reference except the API (TypeDoc writes those): the
// registry entries, the classic experiments and the CLI commands, each source in its own folder
// (reference/<kind>/, reference/experiments/, reference/cli/). A path written twice fails.
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
import { isExperimentTable, renderExperimentPages } from './experiment-pages.js';

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
  readonly experiments: Manifest['experiments'];
  readonly cli: Manifest['cli'];
  /** Where each part came from, for the build log. */
  readonly sources: {
    readonly plugins: readonly string[];
    readonly experimentTables: readonly string[];
    readonly cli: string | undefined;
  };
}

/** Renders the registry, experiment and CLI pages from the loaded main entry points. */
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

  // The classic experiments, from any package that exports a table of them (@fanin/experiments).
  const experiments: Manifest['experiments'][number][] = [];
  const experimentTables: string[] = [];
  for (const module of modules) {
    for (const [exportName, value] of Object.entries(module.exports)) {
      if (!isExperimentTable(value)) continue;
      const rendered = renderExperimentPages(
        value,
        module.packageName,
        exportName,
        (shape) => core.optionsJsonSchema(shape),
        installFor ? { installFor } : {},
      );
      const source = `the experiment table ${exportName} of ${module.packageName}`;
      set.add(rendered.pages, source);
      experiments.push(...rendered.entries);
      experimentTables.push(`${exportName} (${module.packageName})`);
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
    experiments,
    cli: cli.items,
    sources: {
      plugins: pluginSources.map((source) => `${source.exportName} (${source.packageName})`),
      experimentTables,
      cli: cliModule?.packageName,
    },
  };
}
