import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig([
  {
    ...packageBuild,
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
    clean: false,
    // The node entry imports the main one by name, so both share one copy of every class.
    external: ['@fanin/search'],
  },
  {
    // Plain JavaScript run as worker processes; copied next to node/index.js (see process-pool.ts).
    entry: {
      'node/worker-entry': 'src/node/worker-entry.js',
      'node/bench-objective': 'src/node/bench-objective.js',
    },
    ...packageBuild,
    dts: false,
    clean: false,
    sourcemap: false,
  },
]);
