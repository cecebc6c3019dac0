import { definePlugin } from '@fanin/core';
import { squareplusActivation } from './squareplus.js';

export { squareplus, squareplusActivation, squareplusGain } from './squareplus.js';

/** Register it explicitly: createRegistry({ plugins: [squareplusPlugin] }). */
export const squareplusPlugin = definePlugin({
  name: '@acme/fanin-squareplus',
  activations: { squareplus: squareplusActivation },
});
