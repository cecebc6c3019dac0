import { createRegistry } from '@fanin/core';
import { normalization } from '@fanin/normalization';
import { type ThroughputOptions, type ThroughputResult, timeEntries } from './module-throughput.js';

export interface NormalizationThroughputOptions extends ThroughputOptions {
  /** Input of layers over features, [batch, features]; default [512, 512]. */
  readonly flatShape?: readonly number[];
  /** Input of layers over space, [batch, height, width, channels]; default [16, 16, 16, 64]. */
  readonly spatialShape?: readonly number[];
  /** Only these normalizations (default: every one the plugin registers). */
  readonly names?: readonly string[];
}

/** Normalizations that need spatial axes (statistics per example and channel or group). */
const SPATIAL = new Set(['instanceNorm', 'groupNorm']);

/**
 * Forward+backward throughput (training mode: batch statistics, running-statistics update)
 * of every normalization of @fanin/normalization, created through the registry with default
 * options. Layers over features get a [batch, features] input, layers over space an NHWC one.
 */
export async function normalizationThroughput(
  options: NormalizationThroughputOptions,
): Promise<ThroughputResult> {
  const registry = createRegistry({ plugins: [normalization] });
  const names = options.names ?? registry.list('normalization').map((entry) => entry.name);
  const flat = options.flatShape ?? [512, 512];
  const spatial = options.spatialShape ?? [16, 16, 16, 64];
  return timeEntries(
    names,
    (name) => registry.normalization(name as Parameters<typeof registry.normalization>[0]),
    (name) => (SPATIAL.has(name) ? spatial : flat),
    options,
  );
}
