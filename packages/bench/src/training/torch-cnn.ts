import type { CnnSpec } from './reference-cnn.js';
import { TorchPeer, type TorchPeerOptions } from './torch-peer.js';
import { torchScript } from './torch-script.js';

/** The committed PyTorch twin of the reference CNN. */
export const TORCH_CNN_SCRIPT = torchScript('torch_cnn.py');

/**
 * Starts the reference CNN's PyTorch twin (one CPU thread, see `scripts/torch_cnn.py`) as a
 * peer timed in turns with the JavaScript contenders; never throws.
 */
export function openTorchCnn(
  spec: CnnSpec,
  options: TorchPeerOptions,
): ReturnType<typeof TorchPeer.open> {
  return TorchPeer.open(
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
      '--label-smoothing',
      String(spec.labelSmoothing),
      '--batches',
      String(spec.batchesPerEpoch),
    ],
    options,
  );
}
