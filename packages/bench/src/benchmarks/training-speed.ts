import { type BackendName, tf, useBackend, useFusedKernels } from '@fanin/core';
import { type Sample, summarize, type Timing, timeRun } from '../measure/timing.js';
import { type TrainingContender, withInstalled } from '../training/contender.js';
import { faninFit, faninStep } from '../training/fanin-contenders.js';
import { layersFit, layersMinimize } from '../training/layers-contenders.js';
import { type MlpSpec, REFERENCE_MLP } from '../training/reference-mlp.js';
import { openTorchMlp, TorchPeer, type TorchResult } from '../training/torch.js';

/** The contenders of the training benchmark, by name. */
export const TRAINING_CONTENDERS = {
  'fanin fit': (spec: MlpSpec) => faninFit(spec),
  'fanin fit, tfjs kernels': (spec: MlpSpec) =>
    withInstalled(faninFit(spec, 'fanin fit, tfjs kernels'), () => {
      useFusedKernels(false);
      return () => useFusedKernels(true);
    }),
  'fanin step': (spec: MlpSpec) => faninStep(spec),
  'tfjs-layers fit': (spec: MlpSpec) => layersFit(spec),
  'tfjs-layers minimize': (spec: MlpSpec) => layersMinimize(spec),
  'tfjs-layers fit, fanin matMul': (spec: MlpSpec) =>
    layersFit(spec, 'tfjs-layers fit, fanin matMul', 'fanin'),
} as const satisfies Record<string, (spec: MlpSpec) => TrainingContender>;

export type ContenderName = keyof typeof TRAINING_CONTENDERS;

export interface TrainingSpeedOptions {
  readonly spec?: MlpSpec;
  readonly backends: readonly BackendName[];
  /** Steps per timed repeat, per backend (rounded up to whole epochs for `fit`). */
  readonly steps: Partial<Record<BackendName, number>>;
  /** Timed repeats per contender; the median is reported. */
  readonly repeats: number;
  /** Untimed steps per contender before timing (JIT, wasm operator caches). */
  readonly warmupSteps?: number;
  readonly contenders?: readonly ContenderName[];
  /**
   * Time PyTorch too, in turns with the contenders (`false` to skip): `steps` per round
   * (default 100); python defaults to /usr/bin/python3.
   */
  readonly torch?: false | { readonly python?: string; readonly steps?: number };
}

export interface ContenderTiming {
  readonly name: string;
  /** Milliseconds per training step. */
  readonly msPerStep: Timing;
  readonly stepsPerRepeat: number;
  /** tfjs kernels launched per step (from `tf.profile` of one extra run). */
  readonly kernelsPerStep: number;
  /** Loss after the last step: finite and below the first one when it trains. */
  readonly finalLoss: number;
}

export interface BackendTimings {
  readonly backend: BackendName;
  readonly contenders: readonly ContenderTiming[];
  /**
   * Same-run ratios (median wall clock, and CPU time in brackets in the table):
   * how many times slower the other is than fanin.
   */
  readonly ratios: readonly SpeedRatio[];
}

export interface SpeedRatio {
  /** e.g. "tfjs-layers fit / fanin fit" */
  readonly label: string;
  readonly wall: number;
  readonly cpu: number;
}

export interface TrainingSpeedResult {
  readonly spec: MlpSpec;
  readonly backends: readonly BackendTimings[];
  readonly torch: TorchResult | undefined;
  /** fanin against PyTorch, per backend: fanin's step time divided by PyTorch's. */
  readonly versusTorch: readonly SpeedRatio[];
}

const PAIRS: readonly [ContenderName, ContenderName][] = [
  ['fanin fit, tfjs kernels', 'fanin fit'],
  ['tfjs-layers fit', 'fanin fit'],
  ['tfjs-layers minimize', 'fanin step'],
];

/**
 * Times one training step of the reference MLP for each contender on each backend. The
 * contenders of a backend are timed in turns, repeat after repeat, so that they share the
 * machine's state and the ratios compare like with like; PyTorch, in its own process, takes
 * its turn in every round of every backend (its time is the median over all of them).
 */
export async function trainingSpeed(options: TrainingSpeedOptions): Promise<TrainingSpeedResult> {
  const spec = options.spec ?? REFERENCE_MLP;
  const names = options.contenders ?? (Object.keys(TRAINING_CONTENDERS) as ContenderName[]);
  const opened =
    options.torch === false || options.torch === undefined
      ? undefined
      : await openTorchMlp(spec, {
          ...(options.torch.python ? { python: options.torch.python } : {}),
          steps: options.torch.steps ?? 100,
        });
  const peer = opened instanceof TorchPeer ? opened : undefined;
  const backends: BackendTimings[] = [];
  try {
    for (const backend of options.backends) {
      await useBackend(backend);
      const steps = options.steps[backend] ?? 20;
      const contenders = names.map((name) => TRAINING_CONTENDERS[name](spec));
      try {
        const timings = await timeInTurns(
          contenders,
          steps,
          options.repeats,
          options.warmupSteps ?? steps,
          peer,
        );
        backends.push({ backend, contenders: timings, ratios: ratiosOf(timings) });
      } finally {
        for (const contender of contenders) contender.dispose();
      }
    }
  } finally {
    peer?.close();
  }
  const torch: TorchResult | undefined = opened instanceof TorchPeer ? opened.result() : opened;
  const versusTorch: SpeedRatio[] = [];
  if (torch?.measured) {
    for (const { backend, contenders } of backends) {
      for (const contender of contenders.filter((c) => c.name.startsWith('fanin'))) {
        versusTorch.push({
          label: `${contender.name} (${backend}) / PyTorch`,
          wall: contender.msPerStep.median / torch.msPerStep,
          cpu: contender.msPerStep.cpuMedian / torch.cpuMsPerStep,
        });
      }
    }
  }
  return { spec, backends, torch, versusTorch };
}

/** Something timed in every round besides the contenders, keeping its own samples (PyTorch). */
export interface RoundPeer {
  runRound(): Promise<void>;
}

/**
 * Times contenders round-robin: warm each up, then `repeats` rounds of `steps` steps each,
 * with `peer` (if any) taking its turn at the end of every round.
 */
export async function timeInTurns(
  contenders: readonly TrainingContender[],
  steps: number,
  repeats: number,
  warmupSteps: number,
  peer?: RoundPeer,
): Promise<ContenderTiming[]> {
  const stepsOf = (contender: TrainingContender, wanted: number) =>
    Math.max(1, Math.ceil(wanted / contender.stepMultiple)) * contender.stepMultiple;
  for (const contender of contenders) await contender.run(stepsOf(contender, warmupSteps));
  const samples = contenders.map((): Sample[] => []);
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const [index, contender] of contenders.entries()) {
      const count = stepsOf(contender, steps);
      samples[index]!.push(await timeRun(() => contender.run(count)));
    }
    await peer?.runRound();
  }
  const timings: ContenderTiming[] = [];
  for (const [index, contender] of contenders.entries()) {
    const count = stepsOf(contender, 1);
    const profile = await tf.profile(() => contender.run(count).then(() => []));
    timings.push({
      name: contender.name,
      msPerStep: summarize(samples[index]!, stepsOf(contender, steps)),
      stepsPerRepeat: stepsOf(contender, steps),
      kernelsPerStep: profile.kernels.length / count,
      finalLoss: contender.lastLoss(),
    });
  }
  return timings;
}

function ratiosOf(timings: readonly ContenderTiming[]): SpeedRatio[] {
  const byName = new Map(timings.map((timing) => [timing.name, timing]));
  const ratios: SpeedRatio[] = [];
  for (const [other, fanin] of PAIRS) {
    const a = byName.get(other);
    const b = byName.get(fanin);
    if (!a || !b) continue;
    ratios.push({
      label: `${other} / ${fanin}`,
      wall: a.msPerStep.median / b.msPerStep.median,
      cpu: a.msPerStep.cpuMedian / b.msPerStep.cpuMedian,
    });
  }
  return ratios;
}
