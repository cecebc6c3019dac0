import { defineConfig } from 'tsup';

const common = { format: 'esm', sourcemap: true, target: 'es2022', splitting: true } as const;

export default defineConfig([
  // The library: the command table as data (for the docs' CLI reference) and runCli.
  { ...common, entry: { index: 'src/index.ts' }, dts: true, clean: true },
  // The executable.
  { ...common, entry: { bin: 'src/bin.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The module sweep worker processes import by URL (see src/sweep/run-sweep.ts).
  { ...common, entry: { 'sweep-worker': 'src/sweep/sweep-worker.ts' } },
]);
