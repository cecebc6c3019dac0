import { FaninError } from '../errors.js';
import type { Module } from '../modules/module.js';
import { type LoadWeightsOptions, loadWeightsFromBytes, weightsToBytes } from './weights.js';

type FsPromises = typeof import('node:fs/promises');
type Path = typeof import('node:path');

// Loaded at call time so that browser bundles of @fanin/core never pull in node:fs.
async function nodeModules(action: string): Promise<{ fs: FsPromises; path: Path }> {
  const runtime = (
    globalThis as {
      process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
    }
  ).process;
  if (!runtime?.versions?.node) {
    throw new FaninError(
      'NODE_ONLY',
      `${action} needs Node.js (it writes files)`,
      'In a browser use weightsToBytes / loadWeightsFromBytes and store the bytes yourself',
    );
  }
  if (typeof runtime.getBuiltinModule === 'function') {
    return {
      fs: runtime.getBuiltinModule('node:fs/promises') as FsPromises,
      path: runtime.getBuiltinModule('node:path') as Path,
    };
  }
  const fsId = 'node:fs/promises';
  const pathId = 'node:path';
  return {
    fs: await import(/* @vite-ignore */ fsId),
    path: await import(/* @vite-ignore */ pathId),
  };
}

/**
 * Saves every named tensor of a built model (parameters and state) to a safetensors file.
 * The write is atomic: the bytes go to a temporary file beside the target, which is then
 * renamed over it, so a crash never leaves a half-written file. Parent folders are created.
 * Node only.
 */
export async function saveWeights(
  module: Module,
  file: string,
  metadata?: Readonly<Record<string, string>>,
): Promise<void> {
  const { fs, path } = await nodeModules('saveWeights');
  const bytes = weightsToBytes(module, metadata);
  const directory = path.dirname(path.resolve(file));
  await fs.mkdir(directory, { recursive: true });
  const temporary = path.join(
    directory,
    `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  try {
    const handle = await fs.open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Loads a safetensors file written by {@link saveWeights} (or PyTorch, in F32) into a built model. Node only. */
export async function loadWeights(
  module: Module,
  file: string,
  options: LoadWeightsOptions = {},
): Promise<void> {
  const { fs } = await nodeModules('loadWeights');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new FaninError('FILE_NOT_FOUND', `no weights file at "${file}"`);
    throw error;
  }
  try {
    loadWeightsFromBytes(module, bytes, options);
  } catch (error) {
    if (error instanceof FaninError) {
      error.message = `${file}: ${error.message}`;
    }
    throw error;
  }
}
