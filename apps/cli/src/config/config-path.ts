import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError } from '../cli/errors.js';
import { displayPath } from '../io/read-json-file.js';
import type { Output } from '../output/output.js';

/** The folder of @fanin/cli's package.json, found upwards from this module (dist/ or src/config/). */
function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@fanin/cli')
      return directory;
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(`no package.json of @fanin/cli above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

let examples: string | undefined;

/** The example config files shipped inside the package (`fanin train --config examples/model.json`). */
export function examplesDirectory(): string {
  examples ??= join(packageRoot(), 'examples');
  return examples;
}

/** The names of the shipped examples (model.json, sweep.json, cnn.json, cnn-sweep.json). */
export function exampleNames(): string[] {
  return readdirSync(examplesDirectory())
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/**
 * The shipped example a relative `--config` path names, when it is `examples/<name>` (as in
 * the help and the README) and `<name>` is one of them; undefined otherwise.
 */
export function shippedExample(file: string): string | undefined {
  const path = normalize(file);
  const prefix = `examples${sep}`;
  if (!path.startsWith(prefix)) return undefined;
  const name = path.slice(prefix.length);
  return exampleNames().includes(name) ? join(examplesDirectory(), name) : undefined;
}

/**
 * The file a `--config` path means. A path that exists relative to `cwd` is used as it is.
 * One that does not but names a shipped example (`examples/model.json` run from any
 * directory) falls back to the example inside the package, with a status line saying so.
 * Otherwise a {@link ConfigFileError} names the path tried and where the examples are.
 */
export function locateConfig(file: string, cwd: string, output?: Output): string {
  const path = resolve(cwd, file);
  if (existsSync(path)) return file;
  const example = shippedExample(file);
  if (example) {
    output?.status(`no ${file} in ${cwd}: using the example shipped with @fanin/cli, ${example}`);
    return example;
  }
  throw new ConfigFileError(
    displayPath(file, cwd),
    `no such file (tried ${path}); the examples shipped with @fanin/cli are in ${examplesDirectory()} (${exampleNames().join(', ')})`,
  );
}
