import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import { OPTIONAL_PACKAGES } from './src/optional/optional-packages.js';
import { WASM_FILES, WASM_FOLDER } from './src/backend/wasm-files.js';

// The published CLI is bundled (docs/decisions/0006-cli-bundle.md): the @fanin/* packages,
// tfjs-core with its cpu and wasm backends, vega and vega-lite are inlined into dist/, so
// `npm i -g @fanin/cli` installs the bundle and only what cannot be bundled.
const notBundled = [
  // Native: a prebuilt binary per platform, found through its optional dependencies.
  '@resvg/resvg-js',
  // What only some commands need, imported when used (optional peer dependencies).
  ...OPTIONAL_PACKAGES.map((entry) => entry.name),
  // vega-canvas tries `require('canvas')` and does without it; WebGL needs a browser.
  'canvas',
  '@tensorflow/tfjs-backend-webgl',
];

/** Every import except those of `notBundled` (and their subpaths) is inlined. */
const bundled = new RegExp(
  `^(?!(${notBundled.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$))`,
);

const wasmBackend = resolve('src/backend/wasm-backend.ts');

/**
 * Points every import of the tfjs wasm backend (core's `import()` when wasm is chosen) at
 * src/backend/wasm-backend.ts, which re-exports it after `setWasmPaths` to the binaries copied into dist/wasm/.
 */
const shippedWasm: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'fanin-shipped-wasm',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-backend-wasm$/ }, (args) =>
      args.importer === wasmBackend ? undefined : { path: wasmBackend },
    );
  },
};

const require = createRequire(import.meta.url);

/** The built files of a workspace package this build bundles. */
function distOf(name: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), 'dist');
}

/**
 * @fanin/experiments imports @fanin/search/node through a variable, so that browser bundles
 * leave it out; the CLI runs in Node and bundles it: the variable is made a literal here
 * (the build fails if that code changes shape).
 */
const nodeSearchLiteral: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'fanin-node-search-literal',
  setup(build) {
    const experiments = distOf('@fanin/experiments');
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(experiments)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('NODE_SEARCH')) return undefined;
      const literal = text.replace(
        /import\(\s*\/\* @vite-ignore \*\/\s*NODE_SEARCH\s*\)/g,
        'import("@fanin/search/node")',
      );
      if (literal === text || /\(\s*(\/\*[^*]*\*\/\s*)*NODE_SEARCH\s*\)/.test(literal))
        throw new Error(`${args.path}: expected import(/* @vite-ignore */ NODE_SEARCH) to rewrite`);
      return { contents: literal, loader: 'js' };
    });
  },
};

/**
 * Copies what the bundle loads as files next to itself: the tfjs wasm binaries into
 * dist/wasm/, the program @fanin/search's processPool forks (plain JavaScript, no
 * imports) as dist/worker-entry.js, and the dashboard's page into dist/dashboard/.
 */
function copyFiles(): void {
  const from = distOf('@tensorflow/tfjs-backend-wasm');
  mkdirSync(join('dist', WASM_FOLDER), { recursive: true });
  for (const file of WASM_FILES) copyFileSync(join(from, file), join('dist', WASM_FOLDER, file));
  copyFileSync(join(distOf('@fanin/search'), 'node', 'worker-entry.js'), 'dist/worker-entry.js');
  // The page of `fanin dashboard`, built by apps/dashboard (a devDependency, so turbo builds it first).
  const page = join(dirname(require.resolve('@fanin/dashboard/package.json')), 'dist');
  if (!existsSync(join(page, 'index.html')))
    throw new Error(`${page}/index.html is missing: build @fanin/dashboard first`);
  cpSync(page, join('dist', 'dashboard'), { recursive: true });
}

export default defineConfig({
  // index: the command table as data (for the docs' CLI reference) and runCli; bin: the
  // executable (its #! line is in src/bin.ts); sweep-worker: the module sweep worker
  // processes import by URL (see src/sweep/run-sweep.ts); processor: @fanin/search-bullmq's
  // trial process, which its bundled runWorker forks from next to itself (processor-file.ts).
  // They share chunks in dist/.
  entry: {
    index: 'src/index.ts',
    bin: 'src/bin.ts',
    'sweep-worker': 'src/sweep/sweep-worker.ts',
    processor: join(distOf('@fanin/search-bullmq'), 'processor.js'),
  },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  splitting: true,
  sourcemap: false,
  // The build script empties dist/ first.
  clean: false,
  noExternal: [bundled],
  external: notBundled,
  esbuildPlugins: [shippedWasm, nodeSearchLiteral],
  // __dirname and import.meta.url where bundled CommonJS uses them, and a real `require` for
  // the Node built-ins that bundled CommonJS modules require.
  shims: true,
  banner: {
    js: "import { createRequire as __faninCreateRequire } from 'node:module'; const require = __faninCreateRequire(import.meta.url);",
  },
  // The declarations of index.d.ts come from the other packages' built .d.ts files (turbo
  // builds them first), not their sources; they import the @fanin/* packages' types, which a
  // TypeScript user of the library entry installs (see README.md, As a library).
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { customConditions: [] } },
  onSuccess: async () => copyFiles(),
});
