import { type BackendName, tf, useBackend } from '@fanin/core';
import { faninCnnFit, layersCnnFit } from '../training/cnn-contenders.js';
import type { TrainingContender } from '../training/contender.js';
import { type CnnSpec, REFERENCE_CNN } from '../training/reference-cnn.js';
import type { TorchResult } from '../training/torch.js';
import { openTorchCnn } from '../training/torch-cnn.js';
import { TorchPeer } from '../training/torch-peer.js';
import { type ContenderTiming, type SpeedRatio, timeInTurns } from './training-speed.js';

export interface CnnTrainingSpeedOptions {
  readonly spec?: CnnSpec;
  readonly backends: readonly BackendName[];
  /** Steps per timed repeat, per backend (rounded up to whole epochs). */
  readonly steps: Partial<Record<BackendName, number>>;
  readonly repeats: number;
  readonly warmupSteps?: number;
  /** Time PyTorch too (`false` to skip). */
  readonly torch?: false | { readonly python?: string; readonly steps?: number };
  /** Steps of fanin's fit on the first backend while counting live tensors (0: skip). */
  readonly memorySteps?: number;
}

/** A contender that could not train on a backend, and the first line of why. */
export interface Unavailable {
  readonly name: string;
  readonly reason: string;
}

export interface CnnBackendTimings {
  readonly backend: BackendName;
  readonly contenders: readonly ContenderTiming[];
  readonly unavailable: readonly Unavailable[];
  /** tfjs-layers fit / fanin fit, when both ran. */
  readonly ratios: readonly SpeedRatio[];
}

export interface CnnMemoryResult {
  readonly backend: BackendName;
  readonly steps: number;
  /** Live tensors after the first epoch and after the last. */
  readonly tensorsAfterFirstEpoch: number;
  readonly tensorsAtEnd: number;
}

export interface CnnTrainingSpeedResult {
  readonly spec: CnnSpec;
  readonly backends: readonly CnnBackendTimings[];
  readonly torch: TorchResult | undefined;
  /** fanin fit's step time divided by PyTorch's, per backend. */
  readonly versusTorch: readonly SpeedRatio[];
  readonly memory: CnnMemoryResult | undefined;
}

const CONTENDERS: readonly ((spec: CnnSpec) => TrainingContender)[] = [
  (spec) => faninCnnFit(spec),
  (spec) => layersCnnFit(spec),
];

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * Times one training step of the reference CNN (issue 16: conv 3x3x16, pool, conv 3x3x32,
 * pool, dense 10, batch 64, Adam) with fanin's `fit` and tfjs-layers' `model.fit` in turns on
 * each backend, and PyTorch on one thread in its own process, taking its turn in every round. A contender that cannot train
 * on a backend (tfjs-layers on wasm: tfjs-backend-wasm has no Conv2DBackpropFilter kernel) is
 * reported with its error instead of a time.
 */
export async function cnnTrainingSpeed(
  options: CnnTrainingSpeedOptions,
): Promise<CnnTrainingSpeedResult> {
  const spec = options.spec ?? REFERENCE_CNN;
  const opened =
    options.torch === false || options.torch === undefined
      ? undefined
      : await openTorchCnn(spec, {
          ...(options.torch.python ? { python: options.torch.python } : {}),
          steps: options.torch.steps ?? 30,
          warmup: 5,
        });
  const peer = opened instanceof TorchPeer ? opened : undefined;
  const backends: CnnBackendTimings[] = [];
  try {
    for (const backend of options.backends) {
      await useBackend(backend);
      const steps = options.steps[backend] ?? spec.batchesPerEpoch;
      const ready: TrainingContender[] = [];
      const unavailable: Unavailable[] = [];
      for (const make of CONTENDERS) {
        const contender = make(spec);
        try {
          await contender.run(contender.stepMultiple);
          ready.push(contender);
        } catch (error) {
          unavailable.push({ name: contender.name, reason: firstLine(error) });
          contender.dispose();
        }
      }
      try {
        const warmup = options.warmupSteps ?? 0;
        const timings = await timeInTurns(ready, steps, options.repeats, warmup, peer);
        backends.push({ backend, contenders: timings, unavailable, ratios: ratiosOf(timings) });
      } finally {
        for (const contender of ready) contender.dispose();
      }
    }
  } finally {
    peer?.close();
  }
  const torch: TorchResult | undefined = opened instanceof TorchPeer ? opened.result() : opened;
  const versusTorch: SpeedRatio[] = [];
  if (torch?.measured) {
    for (const { backend, contenders } of backends) {
      const fanin = contenders.find((c) => c.name === 'fanin fit');
      if (!fanin) continue;
      versusTorch.push({
        label: `fanin fit (${backend}) / PyTorch`,
        wall: fanin.msPerStep.median / torch.msPerStep,
        cpu: fanin.msPerStep.cpuMedian / torch.cpuMsPerStep,
      });
    }
  }
  const first = options.backends[0];
  const memory =
    first && (options.memorySteps ?? 0) > 0
      ? await cnnMemory(spec, first, options.memorySteps!)
      : undefined;
  return { spec, backends, torch, versusTorch, memory };
}

function ratiosOf(timings: readonly ContenderTiming[]): SpeedRatio[] {
  const fanin = timings.find((t) => t.name === 'fanin fit');
  const layers = timings.find((t) => t.name === 'tfjs-layers fit');
  if (!fanin || !layers) return [];
  return [
    {
      label: 'tfjs-layers fit / fanin fit',
      wall: layers.msPerStep.median / fanin.msPerStep.median,
      cpu: layers.msPerStep.cpuMedian / fanin.msPerStep.cpuMedian,
    },
  ];
}

/** Trains with fanin's fit for `steps` steps and counts live tensors after the first epoch and at the end. */
async function cnnMemory(
  spec: CnnSpec,
  backend: BackendName,
  steps: number,
): Promise<CnnMemoryResult> {
  await useBackend(backend);
  const contender = faninCnnFit(spec);
  try {
    await contender.run(spec.batchesPerEpoch);
    const tensorsAfterFirstEpoch = tf.memory().numTensors;
    const rest = Math.max(spec.batchesPerEpoch, steps - spec.batchesPerEpoch);
    await contender.run(rest);
    return {
      backend,
      steps: spec.batchesPerEpoch + Math.round(rest / spec.batchesPerEpoch) * spec.batchesPerEpoch,
      tensorsAfterFirstEpoch,
      tensorsAtEnd: tf.memory().numTensors,
    };
  } finally {
    contender.dispose();
  }
}
