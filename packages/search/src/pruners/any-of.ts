import { defineEntry, type EntryConfig, FaninError, option } from '@fanin/core';
import type { PruneContext, PruneDecision, Pruner } from './pruner.js';

class AnyOfPruner implements Pruner {
  readonly name = 'anyOf';
  readonly config: { type: 'anyOf'; pruners: unknown[] };

  constructor(readonly pruners: readonly Pruner[]) {
    this.config = { type: 'anyOf', pruners: pruners.map((pruner) => pruner.config) };
  }

  check(context: PruneContext): PruneDecision {
    let reason: string | undefined;
    const systemAttrs: Record<string, number> = {};
    for (const pruner of this.pruners) {
      const decision = pruner.check(context);
      Object.assign(systemAttrs, decision.systemAttrs);
      if (decision.prune && reason === undefined)
        reason = `${pruner.name}: ${decision.reason ?? 'pruned'}`;
    }
    const attrs = Object.keys(systemAttrs).length > 0 ? { systemAttrs } : {};
    return reason === undefined ? { prune: false, ...attrs } : { prune: true, reason, ...attrs };
  }
}

const isConfig = (value: unknown): value is EntryConfig =>
  typeof value === 'string' ||
  (value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'string');

export const anyOfEntry = defineEntry('pruner', {
  description: 'Prunes when any of several pruners would (e.g. divergence and successive halving)',
  options: {
    pruners: option.array(
      option.custom({
        description: 'A pruner config',
        expected: 'a pruner name or { "type": name, ...options }',
        schema: { oneOf: [{ type: 'string' }, { type: 'object' }] },
        check: isConfig,
      }),
      { description: 'The pruners to combine', minItems: 1 },
    ),
  },
  create: (options, { registry }) =>
    anyOf(options.pruners.map((config) => registry.create('pruner', config))),
});

/**
 * Prunes when any of the pruners would; every pruner is consulted each time (so successive
 * halving records its rungs even when divergence stops the trial), and the reason names the
 * first that fired.
 *
 * ```ts
 * pruner: anyOf([divergence(), successiveHalving({ minResource: 1, reductionFactor: 3 })])
 * ```
 */
export function anyOf(pruners: readonly Pruner[]): Pruner {
  if (!Array.isArray(pruners) || pruners.length === 0) {
    throw new FaninError(
      'INVALID_OPTION',
      'anyOf needs a non-empty array of pruners',
      'Write anyOf([divergence(), median()])',
    );
  }
  return new AnyOfPruner(pruners);
}
