import type { Command } from '../cli/command.js';
import { experimentEntry } from '../experiments/catalog.js';
import { experimentCommand } from '../experiments/experiment-command.js';

/** The experiments that also run on their own, each a command with its options as flags. */
const STANDALONE = [
  {
    name: 'activationDistributions',
    summary:
      'Activation histograms layer by layer for each initializer and activation (the classic plots)',
    examples: [
      'fanin distributions',
      'fanin distributions --activations tanh,relu --initializers heNormal,xavierNormal --layers 10',
      'fanin distributions --full --out distributions',
    ],
  },
  {
    name: 'symmetry',
    summary: 'Show that zero and constant initialization never break the symmetry between units',
    examples: [
      'fanin symmetry',
      'fanin symmetry --initializers zeros,heNormal --hidden 32,32 --epochs 30',
    ],
  },
  {
    name: 'batchNormComparison',
    summary: 'Train an MLP with and without batch norm over weight scales from 1 to 1e-4',
    examples: [
      'fanin compare-bn',
      'fanin compare-bn --full',
      'fanin compare-bn --normalization layerNorm --scales 8',
    ],
  },
] as const;

/** The standalone experiment commands. */
export function experimentCommands(): Command[] {
  return STANDALONE.map((entry) => experimentCommand(experimentEntry(entry.name), entry));
}
