import type { MlpSpec } from './reference-mlp.js';
import { TorchPeer, type TorchPeerOptions } from './torch-peer.js';
import { torchScript } from './torch-script.js';

export {
  blasWarning,
  DEFAULT_PYTHON,
  type TorchResult,
} from './torch-script.js';
export { TorchPeer, type TorchPeerOptions } from './torch-peer.js';

/** The PyTorch twin of the reference MLP, committed in the package (`scripts/torch_mlp.py`). */
export const TORCH_SCRIPT = torchScript('torch_mlp.py');

/**
 * Starts the reference MLP's PyTorch twin (one CPU thread, the system Python) as a peer timed
 * in turns with the JavaScript contenders. Never throws: a missing Python or torch gives
 * `measured: false` and the reason.
 */
export function openTorchMlp(
  spec: MlpSpec,
  options: TorchPeerOptions,
): ReturnType<typeof TorchPeer.open> {
  return TorchPeer.open(
    TORCH_SCRIPT,
    [
      '--sizes',
      spec.sizes.join(','),
      '--batch',
      String(spec.batchSize),
      '--lr',
      String(spec.learningRate),
      '--label-smoothing',
      String(spec.labelSmoothing),
      '--batches',
      String(spec.batchesPerEpoch),
    ],
    options,
  );
}
