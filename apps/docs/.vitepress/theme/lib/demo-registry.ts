import { defaultRegistry } from '@fanin/experiments';

/**
 * The registry every demo uses: the one the experiments of @fanin/experiments use by default,
 * with every fanin plugin registered explicitly (core, activations, initializers,
 * normalization, search, datasets).
 */
export const registry = defaultRegistry();
