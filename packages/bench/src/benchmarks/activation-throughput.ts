import { activations } from '@fanin/activations';
import { createRegistry } from '@fanin/core';
import {
  type ModuleThroughput,
  reasonOf,
  type Skipped,
  type ThroughputOptions,
  timeModule,
} from './module-throughput.js';

export interface ActivationThroughputOptions extends ThroughputOptions {
  /** Input shape [rows, features]; default [256, 1024]. */
  readonly shape?: readonly number[];
  /** Only these activations (default: every one the plugin registers). */
  readonly names?: readonly string[];
}

export interface ThroughputResult {
  readonly results: readonly ModuleThroughput[];
  readonly skipped: readonly Skipped[];
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
  const results: ModuleThroughput[] = [];
  const skipped: Skipped[] = [];
  for (const backend of options.backends) {
    for (const name of names) {
      try {
        results.push(
          await timeModule(
            name,
            () => registry.activation(name as Parameters<typeof registry.activation>[0]),
            shape,
            backend,
            options,
          ),
        );
      } catch (error) {
        skipped.push({ name, backend, reason: reasonOf(error) });
      }
    }
  }
  return { results, skipped };
}
