import { type BackendName, isBackendAvailable, useBackend } from './backend/backend.js';
import { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
import { meanSquaredError } from './losses/mean-squared-error.js';
import { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
import { avgPool2d } from './layers/avg-pool2d.js';
import { conv2d } from './layers/conv2d.js';
import { dropout } from './layers/dropout.js';
import { flatten } from './layers/flatten.js';
import { globalAvgPool } from './layers/global-avg-pool.js';
import { maxPool2d } from './layers/max-pool2d.js';
import { dense } from './modules/dense-entry.js';
import { adagrad } from './optimizers/adagrad.js';
import { adam } from './optimizers/adam.js';
import { adamw } from './optimizers/adamw.js';
import { momentum } from './optimizers/momentum.js';
import { nesterov } from './optimizers/nesterov.js';
import { rmsprop } from './optimizers/rmsprop.js';
import { sgd } from './optimizers/sgd.js';
import { defineEntry } from './registry/entry.js';
import { definePlugin } from './registry/plugin.js';

/** A backend as a registry entry: `fanin.backend('wasm').use()`. */
export interface BackendHandle {
  readonly name: BackendName;
  /** Whether the backend's package loads in this runtime. */
  isAvailable(): Promise<boolean>;
  /** Makes it the current tfjs backend (see `useBackend`). */
  use(): Promise<BackendName>;
}

function backendEntry(name: BackendName, description: string) {
  return defineEntry('backend', {
    description,
    options: {},
    create: (): BackendHandle => ({
      name,
      isAvailable: () => isBackendAvailable(name),
      use: () => useBackend(name),
    }),
  });
}

/**
 * The entries @fanin/core provides: the optimizers, the losses, the layers (dense, conv2d,
 * pooling, flatten, dropout) and the three tfjs backends. Register it like any plugin:
 *
 * ```ts
 * const fanin = createRegistry({ plugins: [core, activations, initializers] });
 * const optimizer = fanin.optimizer('adam', { learningRate: 1e-3 });
 * ```
 */
export const core = definePlugin({
  name: '@fanin/core',
  optimizers: { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw },
  losses: { softmaxCrossEntropy, binaryCrossEntropy, meanSquaredError },
  layers: { dense, conv2d, maxPool2d, avgPool2d, globalAvgPool, flatten, dropout },
  backends: {
    cpu: backendEntry('cpu', 'Plain JavaScript kernels; always available, slowest'),
    wasm: backendEntry(
      'wasm',
      'WebAssembly kernels with SIMD (@tensorflow/tfjs-backend-wasm); the fast choice in Node',
    ),
    webgl: backendEntry(
      'webgl',
      'GPU kernels through WebGL (@tensorflow/tfjs-backend-webgl); browsers only',
    ),
  },
});
