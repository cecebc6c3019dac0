import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo root (the directory holding pnpm-workspace.yaml) above `from`, or undefined
 * when the suite runs outside the repository (installed from npm).
 */
export function repositoryRoot(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let directory = resolve(from);
  for (;;) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml'))) return directory;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
