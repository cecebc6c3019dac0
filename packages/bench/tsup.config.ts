import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'attempts/index': 'src/attempts/index.ts', run: 'src/run.ts' },
  format: 'esm',
  dts: { entry: { index: 'src/index.ts', 'attempts/index': 'src/attempts/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  splitting: true,
});
