import { defineConfig } from 'vitest/config';

// Tests import the packages' sources (the "@fanin/source" export condition), never a stale
// dist/. Vitest runs test files in Vite's SSR environment, which reads ssr.resolve.conditions.
const conditions = ['@fanin/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // The browser suites share two cores with the build; they run one file at a time.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
