import { type BackendName, useBackend } from '@fanin/core';
import { SPEED_ATTEMPTS, type SpeedAttempt } from '../attempts/speed-attempts.js';
import type { Timing } from '../measure/timing.js';
import { withInstalled } from '../training/contender.js';
import { faninStep } from '../training/fanin-contenders.js';
import { type MlpSpec, REFERENCE_MLP } from '../training/reference-mlp.js';
import { timeInTurns } from './training-speed.js';

export interface AttemptSpeedOptions {
  readonly spec?: MlpSpec;
  readonly backends: readonly BackendName[];
  readonly steps: Partial<Record<BackendName, number>>;
  readonly repeats: number;
  /** Only these attempts (default: all). */
  readonly attempts?: readonly SpeedAttempt[];
}

export interface AttemptTiming {
  readonly name: string;
  readonly description: string;
  readonly msPerStep: Timing;
  /** Baseline time / attempt time: above 1 means the attempt is faster. */
  readonly speedup: number;
  readonly cpuSpeedup: number;
  readonly kernelsPerStep: number;
  readonly finalLoss: number;
}

export interface AttemptSpeedResult {
  readonly backend: BackendName;
  readonly baseline: {
    readonly msPerStep: Timing;
    readonly kernelsPerStep: number;
    readonly finalLoss: number;
  };
  readonly attempts: readonly AttemptTiming[];
}

/**
 * Times fanin's hand-written step ("fanin step") with and without each speed attempt, all in
 * turns in one run, and reports each attempt's speedup over the unchanged step.
 */
export async function attemptSpeed(options: AttemptSpeedOptions): Promise<AttemptSpeedResult[]> {
  const spec = options.spec ?? REFERENCE_MLP;
  const results: AttemptSpeedResult[] = [];
  for (const backend of options.backends) {
    const attempts = (options.attempts ?? SPEED_ATTEMPTS).filter((a) =>
      a.backends.includes(backend),
    );
    await useBackend(backend);
    const contenders = [
      faninStep(spec, 'baseline'),
      ...attempts.map((attempt) => {
        const uninstall = attempt.install?.();
        try {
          const contender = faninStep(spec, attempt.name, attempt.parts);
          return attempt.install ? withInstalled(contender, attempt.install) : contender;
        } finally {
          uninstall?.();
        }
      }),
    ];
    try {
      const steps = options.steps[backend] ?? 20;
      const [baseline, ...timings] = await timeInTurns(contenders, steps, options.repeats, steps);
      results.push({
        backend,
        baseline: {
          msPerStep: baseline!.msPerStep,
          kernelsPerStep: baseline!.kernelsPerStep,
          finalLoss: baseline!.finalLoss,
        },
        attempts: timings.map((timing, index) => ({
          name: timing.name,
          description: attempts[index]!.description,
          msPerStep: timing.msPerStep,
          speedup: baseline!.msPerStep.median / timing.msPerStep.median,
          cpuSpeedup: baseline!.msPerStep.cpuMedian / timing.msPerStep.cpuMedian,
          kernelsPerStep: timing.kernelsPerStep,
          finalLoss: timing.finalLoss,
        })),
      });
    } finally {
      for (const contender of contenders) contender.dispose();
    }
  }
  return results;
}
