// Module hooks that let plain `node` run this monorepo's TypeScript sources, for the tests that
// start real subprocesses (a sweep killed with SIGKILL, process-pool workers loading .ts
// objectives). Vitest does the same transformation in-process; a child process needs its own.
//  - resolve: prefers the "@fanin/source" export condition (workspace packages resolve to src/),
//    maps a relative "./x.js" import to "./x.ts" when only the .ts exists, and adds ".js" to the
//    extensionless relative imports inside tfjs-core's ESM files;
//  - load: strips types from .ts files with TypeScript's transpileModule, and loads tfjs-core's
//    dist/*.js files (ESM in a package without "type": "module") as modules.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TFJS_ESM = /\/@tensorflow\/tfjs-[a-z-]+\/dist\/(?!tf-)[^/]+(\/[^/]+)*\.js$/;

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

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const source = await readFile(new URL(url), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: url,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    });
    return { format: 'module', source: output.outputText, shortCircuit: true };
  }
  if (TFJS_ESM.test(url)) {
    const source = await readFile(new URL(url), 'utf8');
    return { format: 'module', source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
