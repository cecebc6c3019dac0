import type { Options } from 'tsup';

/**
 * The tsup options every published package builds with: ESM only, declarations, source maps,
 * ES2022, a clean dist/. A package's tsup.config.ts spreads it and adds its entries and
 * differences (`defineConfig({ ...packageBuild, entry: { index: 'src/index.ts' } })`).
 */
export const packageBuild = {
  format: 'esm',
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
} as const satisfies Options;
