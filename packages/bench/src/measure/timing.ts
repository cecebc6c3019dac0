import { median } from './statistics.js';

/** One timed run: wall-clock and process CPU time, in milliseconds. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Repeated timings of one thing, per unit of work (per step, per call...). `median` is the
 * headline; `cpuMedian` is the process CPU time, which other processes on the machine do not
 * inflate: when `median` is well above `cpuMedian`, the machine was busy.
 */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly cpuMedian: number;
  /** Per-unit wall-clock time of every repeat, in run order. */
  readonly samples: readonly number[];
}

/** Times one run of `fn` (awaited). */
export async function timeRun(fn: () => unknown): Promise<Sample> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Summarizes samples, each covering `units` units of work (steps, calls). */
export function summarize(samples: readonly Sample[], units = 1): Timing {
  if (samples.length === 0) throw new RangeError('summarize: no samples');
  const wall = samples.map((sample) => sample.wallMs / units);
  const cpu = samples.map((sample) => sample.cpuMs / units);
  return {
    median: median(wall),
    min: Math.min(...wall),
    max: Math.max(...wall),
    cpuMedian: median(cpu),
    samples: wall,
  };
}

/**
 * Runs `fn` `warmup` times untimed, then `repeats` timed times, and summarizes per unit.
 */
export async function measure(
  fn: () => unknown,
  options: { repeats: number; warmup?: number; units?: number },
): Promise<Timing> {
  for (let i = 0; i < (options.warmup ?? 1); i++) await fn();
  const samples: Sample[] = [];
  for (let i = 0; i < options.repeats; i++) samples.push(await timeRun(fn));
  return summarize(samples, options.units ?? 1);
}
