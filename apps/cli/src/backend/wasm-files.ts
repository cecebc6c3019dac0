/**
 * The tfjs wasm binaries the bundled CLI ships in dist/wasm/: the SIMD build Node runs, and
 * the plain one tfjs falls back to without SIMD. Node runs the backend single-threaded, so
 * the threaded build is left out.
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

/** The folder of the shipped binaries, relative to the bundle's modules (all in dist/). */
export const WASM_FOLDER = 'wasm';
