import { activations } from '@fanin/activations';
import { core, createRegistry } from '@fanin/core';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';

/** The registry every demo uses: core plus the plugin packages, registered explicitly. */
export const registry = createRegistry({
  plugins: [core, activations, initializers, normalization],
});
