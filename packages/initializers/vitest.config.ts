import { defineConfig } from 'vitest/config';

// Tests run on the sources of @fanin/* packages (the "@fanin/source" export condition), never
// on a stale dist/. Vitest runs test files in Vite's server (SSR) environment, which reads
// ssr.resolve.conditions, not resolve.conditions; Vite's server defaults are kept after ours.
const conditions = ['@fanin/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
