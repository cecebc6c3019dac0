import { defineConfig } from 'tsup';

export default defineConfig({
  // processor.js is the program BullMQ forks for each trial process (found next to the bundle).
  entry: { index: 'src/index.ts', processor: 'src/processor.ts' },
  format: 'esm',
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
