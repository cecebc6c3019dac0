import type { BackendName } from '@fanin/core';
import type { SuiteResult } from '../suite.js';

/** The few numbers `fanin bench` prints: fanin's step time and how it compares. */
export interface Headline {
  /** fanin fit ms/step per backend (median). */
  readonly faninFitMs: Partial<Record<BackendName, number>>;
  /** tfjs-layers fit time / fanin fit time per backend (same run). */
  readonly speedupOverLayers: Partial<Record<BackendName, number>>;
  /** fanin fit time / PyTorch time per backend, when PyTorch was measured. */
  readonly versusPyTorch: Partial<Record<BackendName, number>>;
  readonly pyTorchMs: number | undefined;
  /** Whether the long run kept the tensor count and RSS flat (undefined when not run). */
  readonly leakFree: boolean | undefined;
}

/** Picks the headline numbers out of a suite result. */
export function headline(result: SuiteResult): Headline {
  const faninFitMs: Partial<Record<BackendName, number>> = {};
  const speedupOverLayers: Partial<Record<BackendName, number>> = {};
  const versusPyTorch: Partial<Record<BackendName, number>> = {};
  const torch = result.training?.torch;
  const torchMs = torch?.measured ? torch.msPerStep : undefined;
  for (const { backend, contenders } of result.training?.backends ?? []) {
    const fanin = contenders.find((c) => c.name === 'fanin fit');
    const layers = contenders.find((c) => c.name === 'tfjs-layers fit');
    if (!fanin) continue;
    faninFitMs[backend] = fanin.msPerStep.median;
    if (layers) speedupOverLayers[backend] = layers.msPerStep.median / fanin.msPerStep.median;
    if (torchMs !== undefined) versusPyTorch[backend] = fanin.msPerStep.median / torchMs;
  }
  return {
    faninFitMs,
    speedupOverLayers,
    versusPyTorch,
    pyTorchMs: torchMs,
    leakFree: result.memory?.flat,
  };
}
