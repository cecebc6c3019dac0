import { defineConfig } from 'vitest/config';

// Tests run on the sources of @fanin/* packages (the "@fanin/source" export condition), never
// on a stale dist/. Vitest runs test files in Vite's server (SSR) environment, which reads
// ssr.resolve.conditions, not resolve.conditions; Vite's defaults are kept after ours.
const conditions = ['@fanin/source', 'module', 'node', 'development|production'];

/** The vitest configuration every package starts from. */
export function packageTestConfig(
  extra: { setupFiles?: string[]; testTimeout?: number; typecheck?: boolean } = {},
) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      ...(extra.setupFiles ? { setupFiles: extra.setupFiles } : {}),
      // Type tests (`*.test-d.ts`, expectTypeOf and @ts-expect-error) checked by tsc in `vitest run`.
      ...(extra.typecheck
        ? {
            typecheck: {
              enabled: true,
              include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
              tsconfig: './tsconfig.json',
            },
          }
        : {}),
    },
  });
}
