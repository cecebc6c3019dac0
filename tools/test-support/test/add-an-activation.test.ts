/**
 * Follows contributing/add-an-activation.md in a temporary copy of @fanin/activations: writes the
 * recipe's code blocks (the new file, its test, the import and the plugin-table row) and runs the
 * package's tests and typecheck there. The new activation must be picked up by the tests that
 * derive their lists from the plugin table (listing, gradcheck) and named by the golden coverage
 * check as missing its PyTorch values: proof that no other hand-kept list needs editing.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGE = join(ROOT, 'packages/activations');
const RECIPE = readFileSync(join(ROOT, 'contributing/add-an-activation.md'), 'utf8');

/** The recipe's fenced code blocks whose info string is `ts <tag>`. */
function blocks(tag: RegExp): { info: string; code: string }[] {
  const found: { info: string; code: string }[] = [];
  for (const match of RECIPE.matchAll(/^```ts ([^\n]+)\n([\s\S]*?)^```$/gm)) {
    if (tag.test(match[1]!)) found.push({ info: match[1]!, code: match[2]! });
  }
  return found;
}

function only(tag: string): string {
  const found = blocks(new RegExp(`^${tag}$`));
  if (found.length !== 1)
    throw new Error(`add-an-activation.md has ${found.length} "${tag}" blocks`);
  return found[0]!.code;
}

interface VitestJson {
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const temp = mkdtempSync(join(tmpdir(), 'fanin-recipe-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('contributing/add-an-activation.md', () => {
  it('adds an activation with its own files and two lines in index.ts', () => {
    // The minimal repo: the root configs the package extends, and node_modules linked in.
    for (const file of ['vitest.shared.ts', 'tsconfig.base.json'])
      cpSync(join(ROOT, file), join(temp, file));
    symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'), 'dir');
    const copy = join(temp, 'packages/activations');
    mkdirSync(copy, { recursive: true });
    for (const entry of [
      'src',
      'test',
      'fixtures',
      'scripts',
      'package.json',
      'tsconfig.json',
      'vitest.config.ts',
    ])
      cpSync(join(PACKAGE, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(PACKAGE, 'node_modules'), join(copy, 'node_modules'), 'dir');

    // Steps 1 and 2: the files.
    const files = blocks(/^path=/);
    expect(files.map((block) => block.info)).toEqual([
      'path=src/bent-identity.ts',
      'path=src/bent-identity.test.ts',
    ]);
    for (const block of files)
      writeFileSync(join(copy, block.info.slice('path='.length)), block.code);
    // Step 3: the import after the last import, the row at the top of the plugin table.
    const indexPath = join(copy, 'src/index.ts');
    let index = readFileSync(indexPath, 'utf8');
    const lastImport = index.lastIndexOf('\nimport ');
    const afterLastImport = index.indexOf('\n', lastImport + 1) + 1;
    index = index.slice(0, afterLastImport) + only('index-import') + index.slice(afterLastImport);
    expect(index).toContain('  activations: {\n');
    index = index.replace('  activations: {\n', `  activations: {\n${only('plugin-table')}`);
    writeFileSync(indexPath, index);

    const typecheck = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '-p',
        join(copy, 'tsconfig.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.status).toBe(0);

    const report = join(temp, 'vitest.json');
    spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        copy,
        '--reporter=json',
        `--outputFile=${report}`,
        'src/index.test.ts',
        'src/bent-identity.test.ts',
        'test/gradcheck.test.ts',
        'test/golden-coverage.test.ts',
      ],
      { encoding: 'utf8', cwd: copy },
    );
    const results = (JSON.parse(readFileSync(report, 'utf8')) as VitestJson).testResults.flatMap(
      (file) => file.assertionResults,
    );
    const failed = results.filter((result) => result.status !== 'passed');
    // The only failure: the golden coverage check names the new activation (step 4 not done).
    expect(failed.map((result) => result.fullName)).toEqual([
      'PyTorch golden coverage has golden values for every activation of the plugin',
    ]);
    expect(failed[0]!.failureMessages.join('\n')).toContain('bentIdentity has no golden values');
    // Picked up by the derived lists: gradchecked by name on both backends, listed and created.
    const passed = results.filter((result) => result.status === 'passed').map((r) => r.fullName);
    expect(passed).toContain(
      'gradcheck on cpu bentIdentity (from the registry, default options): first derivative',
    );
    expect(passed).toContain(
      'gradcheck on wasm bentIdentity (from the registry, default options): first derivative',
    );
    expect(passed).toContain('the activations plugin lists every activation with its metadata');
    expect(passed).toContain('bentIdentity is 0 at 0 and (sqrt 2 - 1) / 2 + 1 at 1');
  });
});
