import { defineConfig } from 'tsup';

const common = { format: 'esm', sourcemap: true, target: 'es2022', splitting: true } as const;

export default defineConfig([
  // The library: the command table as data (for the docs' CLI reference) and runCli.
  // Declarations from the other packages' built .d.ts files (turbo builds them first), not
  // their sources. The build script empties dist/ first (the three builds run at once).
  {
    ...common,
    entry: { index: 'src/index.ts' },
    dts: { compilerOptions: { customConditions: [] } },
    clean: false,
  },
  // The executable.
  { ...common, entry: { bin: 'src/bin.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The module sweep worker processes import by URL (see src/sweep/run-sweep.ts).
  { ...common, entry: { 'sweep-worker': 'src/sweep/sweep-worker.ts' } },
]);
