/**
 * The tfjs wasm backend as the bundled CLI loads it: the build (tsup.config.ts) points every
 * import of `@tensorflow/tfjs-backend-wasm` here, so core's `import()` of it on
 * `useBackend('wasm')` runs `setWasmPaths` with the binaries shipped in dist/wasm/ before
 * tfjs initializes the backend. Without this tfjs would look for them next to its own
 * module, which the bundle no longer has.
 */
import { fileURLToPath } from 'node:url';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_FOLDER } from './wasm-files.js';

export * from '@tensorflow/tfjs-backend-wasm';

setWasmPaths(fileURLToPath(new URL(`./${WASM_FOLDER}/`, import.meta.url)));
