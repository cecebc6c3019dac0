import type { MlpSpec } from './reference-mlp.js';
import {
  type TorchOptions,
  type TorchResult,
  runTorchScript,
  torchScript,
} from './torch-script.js';

export {
  blasWarning,
  DEFAULT_PYTHON,
  type TorchOptions,
  type TorchResult,
} from './torch-script.js';

/** The PyTorch twin of the reference MLP, committed in the package (`scripts/torch_mlp.py`). */
export const TORCH_SCRIPT = torchScript('torch_mlp.py');

/**
 * Times the reference MLP step in PyTorch on one CPU thread by running the committed script
 * with the system Python. Never throws: a missing Python or torch gives `measured: false`.
 */
export function torchStepTime(spec: MlpSpec, options: TorchOptions): Promise<TorchResult> {
  return runTorchScript(
    TORCH_SCRIPT,
    [
      '--sizes',
      spec.sizes.join(','),
      '--batch',
      String(spec.batchSize),
      '--lr',
      String(spec.learningRate),
      '--steps',
      String(options.steps),
      '--repeats',
      String(options.repeats),
      '--warmup',
      String(options.warmup ?? 10),
      '--label-smoothing',
      String(spec.labelSmoothing),
      '--batches',
      String(spec.batchesPerEpoch),
    ],
    options,
  );
}
