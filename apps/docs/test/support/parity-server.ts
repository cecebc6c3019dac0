import { join } from 'node:path';
import { createViteServer } from 'vitest/node';
import { DOCS_ROOT, REPO_ROOT } from './paths.js';

export interface ParityServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves test/browser/ (the parity harness page) with Vite: TypeScript sources of the
 * packages through the `@fanin/source` condition, tfjs pre-bundled once. No file watching,
 * no HMR: the page is loaded once per test run.
 */
export async function startParityServer(): Promise<ParityServer> {
  const server = await createViteServer({
    configFile: false,
    root: join(DOCS_ROOT, 'test', 'browser'),
    cacheDir: join(DOCS_ROOT, 'node_modules', '.vite-parity'),
    logLevel: 'warn',
    clearScreen: false,
    resolve: { conditions: ['@fanin/source', 'module', 'browser', 'development|production'] },
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      watch: null,
      fs: { allow: [REPO_ROOT] },
    },
    optimizeDeps: {
      entries: ['index.html'],
      include: [
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-core/dist/register_all_gradients.js',
        '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-webgl',
        '@tensorflow/tfjs-backend-wasm',
      ],
    },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('the parity server did not report its URL');
  }
  return { url, close: () => server.close() };
}
