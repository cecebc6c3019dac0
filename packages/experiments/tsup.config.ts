import { defineConfig } from 'tsup';

export default defineConfig({
  // The worker module is loaded by processPool workers (hyperparameterSearch with workers > 1),
  // next to index.js: see src/hyperparameter-search/node-services.ts.
  entry: {
    index: 'src/index.ts',
    'hyperparameter-worker': 'src/hyperparameter-search/worker.ts',
  },
  format: 'esm',
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
