// Module hooks that let plain `node` run this monorepo's TypeScript sources, for the tests that
// start real subprocesses (a sweep killed with SIGKILL, process-pool workers loading .ts
// objectives, BullMQ workers, controllers and sandboxed trial processes). Vitest does the same
// transformation in-process; a child process needs its own. Transpiled output is cached on disk
// by content hash (os.tmpdir()/fanin-ts-cache), so the many processes a fault test starts do not
// each transpile @fanin/core and @fanin/search again (TypeScript itself is loaded only on a miss).
//  - resolve: prefers the "@fanin/source" export condition (workspace packages resolve to src/),
//    maps a relative "./x.js" import to "./x.ts" when only the .ts exists, and adds ".js" to the
//    extensionless relative imports inside tfjs-core's ESM files;
//  - load: strips types from .ts files with TypeScript's transpileModule, and loads tfjs-core's
//    dist/*.js files (ESM in a package without "type": "module") as modules.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TFJS_ESM = /\/@tensorflow\/tfjs-[a-z-]+\/dist\/(?!tf-)[^/]+(\/[^/]+)*\.js$/;
const CACHE = join(tmpdir(), 'fanin-ts-cache');
let typescript;

export async function resolve(specifier, context, nextResolve) {
  const conditions = ['@fanin/source', ...context.conditions];
  const next = (candidate) => nextResolve(candidate, { ...context, conditions });
  try {
    return await next(specifier);
  } catch (error) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../');
    if (relative && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`);
    if (relative && !/\.[cm]?[jt]s$/.test(specifier)) return next(`${specifier}.js`);
    throw error;
  }
}

async function transpile(url, source) {
  const key = createHash('sha256').update(url).update('\0').update(source).digest('hex');
  const file = join(CACHE, `${key}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not cached yet.
  }
  typescript ??= (await import('typescript')).default;
  const output = typescript.transpileModule(source, {
    fileName: url,
    compilerOptions: {
      module: typescript.ModuleKind.ESNext,
      target: typescript.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
    },
  }).outputText;
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, output);
  renameSync(partial, file);
  return output;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: await transpile(url, source), shortCircuit: true };
  }
  if (TFJS_ESM.test(url)) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
