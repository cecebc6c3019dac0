import { activations } from '@fanin/activations';
import { createRegistry } from '@fanin/core';
import { type ThroughputOptions, type ThroughputResult, timeEntries } from './module-throughput.js';

export interface ActivationThroughputOptions extends ThroughputOptions {
  /** Input shape [rows, features]; default [256, 1024]. */
  readonly shape?: readonly number[];
  /** Only these activations (default: every one the plugin registers). */
  readonly names?: readonly string[];
}

/**
 * Forward+backward throughput of every activation of @fanin/activations, created through
 * the registry with default options.
 */
export async function activationThroughput(
  options: ActivationThroughputOptions,
): Promise<ThroughputResult> {
  const registry = createRegistry({ plugins: [activations] });
  const names = options.names ?? registry.list('activation').map((entry) => entry.name);
  const shape = options.shape ?? [256, 1024];
  return timeEntries(
    names,
    (name) => registry.activation(name as Parameters<typeof registry.activation>[0]),
    () => shape,
    options,
  );
}
