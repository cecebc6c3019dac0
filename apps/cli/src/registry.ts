import { activations } from '@fanin/activations';
import { core, createRegistry, type Registry } from '@fanin/core';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';
import { search } from '@fanin/search';
import { cliDatasets } from './optional/mnist-datasets.js';

/**
 * The plugins the `fanin` command registers: every fanin package's entries (the datasets
 * with the optional mnist package checked on load, see optional/mnist-datasets.ts).
 */
export const cliPlugins = [
  core,
  activations,
  initializers,
  normalization,
  search,
  cliDatasets,
] as const;

let registry: Registry | undefined;

/** The registry of the `fanin` command (created once). */
export function cliRegistry(): Registry {
  registry ??= createRegistry({ plugins: cliPlugins });
  return registry;
}
