// tfjs-core ships its gradient functions as ES modules that importing the package does not
// register, and whose extensionless relative imports plain Node cannot resolve. This file
// pulls them in; the package build bundles it (see tsup.config.ts), and bundlers and vitest
// resolve it directly. The chained ops (x.reshape(...)) are needed by some of those
// gradients (prod) and are not installed by tfjs-core's Node entry either.
// Both files only call registerGradient / patch the shared Tensor prototype, which tfjs keeps
// in a global namespace, so a bundled copy and the application's tfjs-core agree.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';

export const TFJS_GRADIENTS_LOADED = true;
