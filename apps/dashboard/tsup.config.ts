import { defineConfig } from 'tsup';

// The page is one browser script with Vega, Vega-Lite and vega-embed inlined and minified
// (the CLI ships it as a static file; see docs/decisions/0007-dashboard.md); index.html and
// dashboard.css (src/static/) are copied beside it by scripts/copy-static.mjs.
export default defineConfig({
  entry: { dashboard: 'src/main.ts' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  dts: false,
  clean: false,
  splitting: false,
  noExternal: [/.*/],
  outExtension: () => ({ js: '.js' }),
});
