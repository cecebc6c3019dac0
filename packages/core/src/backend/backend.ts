import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, FaninError } from '../errors.js';
import { registerGradients } from '../gradients/register.js';
import { registerCpuMatMul } from '../kernels/cpu-matmul.js';
import { registerWasmMatMul } from '../kernels/wasm-matmul.js';

/** The tfjs backends fanin supports. */
export const BACKENDS = ['cpu', 'wasm', 'webgl'] as const;
export type BackendName = (typeof BACKENDS)[number];

const PACKAGES: Record<BackendName, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  webgl: '@tensorflow/tfjs-backend-webgl',
};

const isNode =
  typeof process !== 'undefined' &&
  process.versions?.node !== undefined &&
  typeof window === 'undefined';

/** Whether the current runtime is Node.js (as opposed to a browser or worker). */
export function runningInNode(): boolean {
  return isNode;
}

// Literal specifiers so that bundlers include the backends the application installed.
async function importBackend(name: BackendName): Promise<unknown> {
  switch (name) {
    case 'cpu':
      return import('@tensorflow/tfjs-backend-cpu');
    case 'wasm':
      return import('@tensorflow/tfjs-backend-wasm');
    case 'webgl':
      return import('@tensorflow/tfjs-backend-webgl');
  }
}

const loaded = new Map<BackendName, Promise<void>>();

function load(name: BackendName): Promise<void> {
  let promise = loaded.get(name);
  if (!promise) {
    promise = importBackend(name).then(
      () => undefined,
      (error: unknown) => {
        loaded.delete(name);
        const text = error instanceof Error ? error.message : String(error);
        if (/Cannot find (module|package)|Failed to resolve|ERR_MODULE_NOT_FOUND/i.test(text)) {
          throw new BackendUnavailableError(
            name,
            `${PACKAGES[name]} is not installed`,
            `Install it: npm install ${PACKAGES[name]}@4.22.0`,
          );
        }
        throw new BackendUnavailableError(name, text);
      },
    );
    loaded.set(name, promise);
  }
  return promise;
}

/** Whether a backend's package can be loaded in this runtime. */
export async function isBackendAvailable(name: BackendName): Promise<boolean> {
  try {
    await load(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `name` the current backend, loading its package on first use. Switching at run time
 * is allowed; tensors created on the old backend are moved on first use by tfjs.
 * Returns the backend now in use.
 *
 * ```ts
 * await useBackend('wasm');
 * ```
 */
export async function useBackend(name: BackendName): Promise<BackendName> {
  if (!BACKENDS.includes(name)) {
    throw new FaninError(
      'UNKNOWN_BACKEND',
      `unknown backend "${String(name)}". Available: ${BACKENDS.join(', ')}`,
    );
  }
  // tfjs's webgl package registers nothing outside a browser, so tfjs would only say the
  // backend is "not found in registry".
  if (name === 'webgl' && isNode) {
    throw new BackendUnavailableError(name, 'WebGL needs a browser', 'Use "wasm" or "cpu" in Node');
  }
  registerGradients();
  await load(name);
  if (name === 'cpu') registerCpuMatMul();
  if (name === 'wasm') registerWasmMatMul();
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (error) {
    throw new BackendUnavailableError(name, error instanceof Error ? error.message : String(error));
  }
  if (!ok) {
    const hint =
      name === 'webgl'
        ? 'WebGL needs a browser with a WebGL context; use "wasm" or "cpu" in Node'
        : undefined;
    throw new BackendUnavailableError(name, 'tfjs could not initialize it', hint);
  }
  await tf.ready();
  quietCpuNotice();
  return name;
}

/** The name of the backend in use, or undefined before any was chosen. */
export function currentBackend(): string | undefined {
  try {
    return tf.engine().backendName ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The backend fanin picks when none was chosen: in Node wasm when installed, else cpu; in a
 * browser webgl when it initializes, else wasm, else cpu.
 */
export async function defaultBackend(): Promise<BackendName> {
  const order: BackendName[] = isNode ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  for (const name of order) {
    if (await isBackendAvailable(name)) return name;
  }
  return 'cpu';
}

/**
 * Makes sure gradients are registered and a backend is ready: the one already chosen, or
 * the default. Call once before computing (fit and the studies call it for you).
 */
export async function ready(): Promise<string> {
  registerGradients();
  const current = tf.getBackend() as string | undefined;
  if (
    current &&
    (BACKENDS as readonly string[]).includes(current) &&
    loaded.has(current as BackendName)
  )
    return current;
  const fallbacks: BackendName[] = isNode ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  for (const name of fallbacks) {
    try {
      return await useBackend(name);
    } catch {
      // try the next one
    }
  }
  throw new BackendUnavailableError(
    'cpu',
    'no backend could be initialized',
    'Install @tensorflow/tfjs-backend-cpu',
  );
}

/** tfjs's cpu backend prints a banner in Node recommending tfjs-node, which cannot help here. */
function quietCpuNotice(): void {
  const backend = tf.engine().backend as unknown as { firstUse?: boolean };
  if (tf.getBackend() === 'cpu' && backend && 'firstUse' in backend) backend.firstUse = false;
}
