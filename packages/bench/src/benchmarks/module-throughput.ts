import { type BackendName, type Module, Random, tf, useBackend, valueAndGrad } from '@fanin/core';
import { measure, timeRun } from '../measure/timing.js';

/** Forward+backward speed of one module on one input shape. */
export interface ModuleThroughput {
  readonly name: string;
  readonly backend: BackendName;
  readonly shape: readonly number[];
  /** Milliseconds per forward+backward pass (median). */
  readonly ms: number;
  /** Input elements per second through forward+backward, in millions. */
  readonly megaElementsPerSecond: number;
}

/** A registry entry that could not be timed, and why. */
export interface Skipped {
  readonly name: string;
  readonly backend: BackendName;
  readonly reason: string;
}

export interface ThroughputOptions {
  readonly backends: readonly BackendName[];
  /** Timed repeats (median reported). */
  readonly repeats: number;
  /** Most passes per timed repeat. */
  readonly passes: number;
  /**
   * Aim for repeats of about this many milliseconds: a slow module gets fewer passes per
   * repeat (at least one), so one slow entry cannot stretch the suite. Default 100.
   */
  readonly targetMs?: number;
}

/**
 * Times forward+backward of a module in training mode: the gradient of sum(module(x)) with
 * respect to x (and nothing else), as a layer's backward pass needs it. The input is a
 * variable of the given shape with N(0, 1) entries.
 */
export async function timeModule(
  name: string,
  create: () => Module,
  shape: readonly number[],
  backend: BackendName,
  options: Pick<ThroughputOptions, 'repeats' | 'passes' | 'targetMs'>,
): Promise<ModuleThroughput> {
  await useBackend(backend);
  const module = create();
  const x = tf.tidy(() =>
    tf.variable(new Random(0).fork('bench', name).normalTensor(shape, 0, 1), true),
  );
  try {
    const pass = () => {
      const { value, grads } = valueAndGrad(() => tf.sum(module.apply(x, { training: true })), {
        x,
      });
      tf.dispose([value, ...grads.values()]);
    };
    const first = await timeRun(pass);
    const passes = Math.max(
      1,
      Math.min(
        options.passes,
        Math.round((options.targetMs ?? 100) / Math.max(first.wallMs, 1e-3)),
      ),
    );
    const timing = await measure(
      () => {
        for (let i = 0; i < passes; i++) pass();
      },
      { repeats: options.repeats, units: passes, warmup: 0 },
    );
    const elements = shape.reduce((a, b) => a * b, 1);
    return {
      name,
      backend,
      shape,
      ms: timing.median,
      megaElementsPerSecond: elements / timing.median / 1000,
    };
  } finally {
    module.dispose();
    x.dispose();
  }
}

/** The modules timed, and those that could not be. */
export interface ThroughputResult {
  readonly results: readonly ModuleThroughput[];
  readonly skipped: readonly Skipped[];
}

/**
 * `timeModule` for every named registry entry on every backend, in that order; an entry that
 * throws is listed under `skipped` with the reason and the others go on.
 */
export async function timeEntries(
  names: readonly string[],
  create: (name: string) => Module,
  shapeOf: (name: string) => readonly number[],
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const results: ModuleThroughput[] = [];
  const skipped: Skipped[] = [];
  for (const backend of options.backends) {
    for (const name of names) {
      try {
        results.push(await timeModule(name, () => create(name), shapeOf(name), backend, options));
      } catch (error) {
        skipped.push({ name, backend, reason: reasonOf(error) });
      }
    }
  }
  return { results, skipped };
}

/** An error as one line for a "skipped" note. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
