import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
    format: 'esm',
    dts: true,
    clean: false,
    sourcemap: true,
    target: 'es2022',
    // The node entry imports the main one by name, so both share one copy of every class.
    external: ['@fanin/search'],
  },
  {
    // Plain JavaScript run as worker processes; copied next to node/index.js (see process-pool.ts).
    entry: {
      'node/worker-entry': 'src/node/worker-entry.js',
      'node/bench-objective': 'src/node/bench-objective.js',
    },
    format: 'esm',
    dts: false,
    clean: false,
    sourcemap: false,
    target: 'es2022',
  },
]);
