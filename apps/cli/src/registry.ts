import { activations } from '@fanin/activations';
import { core, createRegistry, type Registry } from '@fanin/core';
import { datasets } from '@fanin/datasets';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';
import { search } from '@fanin/search';

/** The plugins the `fanin` command registers: every fanin package's entries. */
export const cliPlugins = [
  core,
  activations,
  initializers,
  normalization,
  search,
  datasets,
] as const;

let registry: Registry | undefined;

/** The registry of the `fanin` command (created once). */
export function cliRegistry(): Registry {
  registry ??= createRegistry({ plugins: cliPlugins });
  return registry;
}
