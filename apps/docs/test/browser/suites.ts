// The webgl parity suites, picked up from the packages as they land: any
// packages/<pkg>/test/{parity-run,golden-check,parity-check}.ts is a suite, and what it
// exports says how to run it. A suite exporting none of the known checks fails loudly.
import { createRegistry, PLURAL, type Plugin, type Registry, useBackend } from '@fanin/core';
import { type BackendInfo, backendInfo } from '../../.vitepress/theme/lib/backend-info.js';

type ModuleExports = Record<string, unknown>;

const SUITES = import.meta.glob<ModuleExports>([
  '../../../../packages/*/test/parity-run.ts',
  '../../../../packages/*/test/golden-check.ts',
  '../../../../packages/*/test/parity-check.ts',
]);

// The packages' own entry points, to register a package's plugin for its suite.
const PACKAGE_ENTRIES = import.meta.glob<ModuleExports>('../../../../packages/*/src/index.ts');

/** "core/parity-run" for "../../../../packages/core/test/parity-run.ts". */
function suiteId(path: string): string {
  const match = /packages\/([^/]+)\/test\/([^/]+)\.ts$/.exec(path);
  if (!match) throw new Error(`unexpected suite path ${path}`);
  return `${match[1]}/${match[2]}`;
}

const byId = new Map(Object.entries(SUITES).map(([path, load]) => [suiteId(path), { path, load }]));

export type SuiteResult =
  | { readonly kind: 'losses'; readonly losses: number[] }
  | { readonly kind: 'mismatches'; readonly mismatches: unknown[] }
  | { readonly kind: 'comparisons'; readonly comparisons: unknown[] }
  | { readonly kind: 'bytes'; readonly bytes: Record<string, string> };

export interface SuiteRun {
  readonly id: string;
  readonly backend: BackendInfo;
  readonly result: SuiteResult;
}

const PLURALS = new Set<string>(Object.values(PLURAL));

/** A plugin object: a name and entries under kind keys only. */
function isPlugin(value: unknown): value is Plugin {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { name?: unknown }).name !== 'string'
  )
    return false;
  const keys = Object.keys(value).filter((key) => key !== 'name');
  return keys.length > 0 && keys.every((key) => PLURALS.has(key));
}

/** A registry with the plugin(s) the suite's own package exports. */
async function packageRegistry(id: string): Promise<Registry> {
  const name = id.split('/')[0];
  const load = Object.entries(PACKAGE_ENTRIES).find(([path]) =>
    path.includes(`/packages/${name}/src/`),
  )?.[1];
  if (!load) throw new Error(`${id}: packages/${name}/src/index.ts not found`);
  const plugins = Object.values(await load()).filter(isPlugin);
  if (plugins.length === 0)
    throw new Error(`${id}: packages/${name}/src/index.ts exports no plugin`);
  return createRegistry({ plugins });
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function suiteIds(): string[] {
  return [...byId.keys()].sort();
}

/** Runs one suite on webgl and proves webgl did the work. */
export async function runSuite(id: string): Promise<SuiteRun> {
  const suite = byId.get(id);
  if (!suite) throw new Error(`unknown suite ${id}; known: ${suiteIds().join(', ')}`);
  await useBackend('webgl');
  const module = await suite.load();
  let result: SuiteResult;
  if (typeof module.parityRun === 'function') {
    result = { kind: 'losses', losses: await module.parityRun('webgl') };
  } else if (typeof module.goldenMismatches === 'function') {
    result = { kind: 'mismatches', mismatches: module.goldenMismatches() };
  } else if (typeof module.checkAllGolden === 'function') {
    result = { kind: 'comparisons', comparisons: module.checkAllGolden() };
  } else if (typeof module.initializerBytes === 'function') {
    const bytes = (await module.initializerBytes(await packageRegistry(id))) as Map<
      string,
      Uint8Array
    >;
    result = {
      kind: 'bytes',
      bytes: Object.fromEntries([...bytes].map(([label, value]) => [label, base64(value)])),
    };
  } else {
    throw new Error(
      `${suite.path} exports none of the checks this harness knows (parityRun, goldenMismatches, checkAllGolden, initializerBytes): ${Object.keys(module).join(', ')}`,
    );
  }
  const backend = backendInfo();
  if (backend.name !== 'webgl') throw new Error(`${id} ran on "${backend.name}", not webgl`);
  if (!backend.compiledPrograms)
    throw new Error(`${id}: the webgl backend compiled no shader program, so nothing ran on WebGL`);
  return { id, backend, result };
}
