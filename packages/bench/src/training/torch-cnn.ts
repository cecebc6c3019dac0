import {
  runTorchScript,
  type TorchOptions,
  type TorchResult,
  torchScript,
} from './torch-script.js';
import type { CnnSpec } from './reference-cnn.js';

/** The committed PyTorch twin of the reference CNN. */
export const TORCH_CNN_SCRIPT = torchScript('torch_cnn.py');

/** Times the reference CNN's step in PyTorch on one CPU thread (see `scripts/torch_cnn.py`). */
export function torchCnnStepTime(spec: CnnSpec, options: TorchOptions): Promise<TorchResult> {
  return runTorchScript(
    TORCH_CNN_SCRIPT,
    [
      '--image',
      spec.image.join(','),
      '--filters',
      spec.filters.join(','),
      '--kernel',
      String(spec.kernelSize),
      '--classes',
      String(spec.classes),
      '--batch',
      String(spec.batchSize),
      '--lr',
      String(spec.learningRate),
      '--steps',
      String(options.steps),
      '--repeats',
      String(options.repeats),
      '--warmup',
      String(options.warmup ?? 5),
      '--label-smoothing',
      String(spec.labelSmoothing),
      '--batches',
      String(spec.batchesPerEpoch),
    ],
    options,
  );
}
