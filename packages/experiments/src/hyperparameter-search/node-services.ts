import { FaninError, runningInNode } from '@fanin/core';
import type { Executor, Storage } from '@fanin/search';
import type { TrialSettings } from './trial-objective.js';
import { BACKEND_VARIABLE, SETTINGS_VARIABLE } from './worker-environment.js';

type NodeSearch = typeof import('@fanin/search/node');

// Not literals: bundlers must not pull Node-only modules (fs, child_process) into a browser
// build of this package. They are loaded only for a journal path or worker processes.
const NODE_SEARCH = '@fanin/search/node';
const NODE_FS = 'node:fs';
const NODE_URL = 'node:url';

async function nodeSearch(what: string): Promise<NodeSearch> {
  if (!runningInNode()) {
    throw new FaninError(
      'NODE_ONLY',
      `hyperparameterSearch: ${what} needs Node.js`,
      'In a browser, leave "storage" and "workers" out, or pass a storage object in the run context',
    );
  }
  return (await import(/* @vite-ignore */ NODE_SEARCH)) as NodeSearch;
}

/** Opens (or creates) the journal file at `path`: a durable, resumable storage. */
export async function openJournal(path: string): Promise<Storage> {
  const { journalStorage } = await nodeSearch(`the journal file "${path}"`);
  return journalStorage(path);
}

/** The built worker module, next to this file in dist/ (or dist/ itself when run from src/). */
function workerModule(exists: (path: string) => boolean, toPath: (url: URL) => string): URL {
  const candidates = [
    new URL('./hyperparameter-worker.js', import.meta.url),
    new URL('../../dist/hyperparameter-worker.js', import.meta.url),
  ];
  const found = candidates.find((url) => exists(toPath(url)));
  if (!found) {
    throw new FaninError(
      'WORKER_MODULE_MISSING',
      'hyperparameterSearch: workers > 1 run trials from the built package (dist/hyperparameter-worker.js), which is missing',
      'Build it (pnpm --filter @fanin/experiments build), or use workers: 1',
    );
  }
  return found;
}

/**
 * A pool of `workers` processes running the trials (one per process at a time), each with
 * the settings and the parent's backend. Close it when the sweep is done.
 */
export async function workerPool(
  settings: TrialSettings,
  workers: number,
  backend: string | undefined,
): Promise<Executor> {
  const { processPool } = await nodeSearch('workers > 1');
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as typeof import('node:fs');
  const url = (await import(/* @vite-ignore */ NODE_URL)) as typeof import('node:url');
  return processPool({
    module: workerModule(fs.existsSync, url.fileURLToPath),
    export: 'objective',
    workers,
    env: {
      [SETTINGS_VARIABLE]: JSON.stringify(settings),
      ...(backend ? { [BACKEND_VARIABLE]: backend } : {}),
    },
  });
}
