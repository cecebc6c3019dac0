import { core, createRegistry, type Registry } from '@fanin/core';
import { activations } from '@fanin/activations';
import { datasets } from '@fanin/datasets';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';
import { search } from '@fanin/search';

let cached: Registry | undefined;

/**
 * The registry the experiments use when none is given: every fanin plugin (core's optimizers,
 * losses and backends, activations, initializers, normalization, search's samplers and
 * pruners, datasets). Pass your own registry (`run(config, { registry })`) to make entries
 * of your plugins available by name in experiment configs.
 */
export function defaultRegistry(): Registry {
  cached ??= createRegistry({
    plugins: [core, activations, initializers, normalization, search, datasets],
  });
  return cached;
}
