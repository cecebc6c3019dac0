import { type BackendName, createRegistry, Random, useBackend } from '@fanin/core';
import { initializers } from '@fanin/initializers';
import { measure } from '../measure/timing.js';
import { reasonOf, type Skipped } from './module-throughput.js';

export interface InitializerThroughputOptions {
  readonly backends: readonly BackendName[];
  /** Shape of the initialized tensor; default [1024, 1024] (1M values). */
  readonly shape?: readonly number[];
  /** Timed repeats (median reported). */
  readonly repeats: number;
  /** Only these initializers (default: every one the plugin registers, except `pretrained`). */
  readonly names?: readonly string[];
}

export interface InitializerTiming {
  readonly name: string;
  readonly backend: BackendName;
  readonly shape: readonly number[];
  /** Milliseconds per initialization, values read back (median). */
  readonly ms: number;
  /** Millions of values per second. */
  readonly megaValuesPerSecond: number;
}

export interface InitializerThroughputResult {
  readonly results: readonly InitializerTiming[];
  readonly skipped: readonly Skipped[];
}

/** Entries that need external data to create (a weights file), not timed. */
const NEEDS_DATA = new Set(['pretrained']);

/** Options for entries that have a required option. */
const REQUIRED_OPTIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  constant: { value: 0.1 },
};

/**
 * Orthogonal initialization is a QR decomposition, O(n^3) in JavaScript: its tensor is capped
 * at 512 x 512 so the suite stays in minutes (the table shows the shape used).
 */
const CUBIC = new Set(['orthogonal']);
const CUBIC_LIMIT = 512;

/**
 * Time to initialize one large tensor with each initializer of @fanin/initializers (registry,
 * default options, seeded stream), including reading the values back, which forces the work
 * on every backend.
 */
export async function initializerThroughput(
  options: InitializerThroughputOptions,
): Promise<InitializerThroughputResult> {
  const registry = createRegistry({ plugins: [initializers] });
  const names =
    options.names ??
    registry
      .list('initializer')
      .map((entry) => entry.name)
      .filter((name) => !NEEDS_DATA.has(name));
  const shape = options.shape ?? [1024, 1024];
  const results: InitializerTiming[] = [];
  const skipped: Skipped[] = [];
  for (const backend of options.backends) {
    await useBackend(backend);
    for (const name of names) {
      try {
        const initializer = registry.initializer(
          name as Parameters<typeof registry.initializer>[0],
          (REQUIRED_OPTIONS[name] ?? {}) as never,
        );
        const used = CUBIC.has(name) ? shape.map((size) => Math.min(size, CUBIC_LIMIT)) : shape;
        const random = new Random(0).fork('bench', name);
        const timing = await measure(
          async () => {
            const tensor = initializer.init(used, { random, name });
            await tensor.data();
            tensor.dispose();
          },
          { repeats: options.repeats },
        );
        results.push({
          name,
          backend,
          shape: used,
          ms: timing.median,
          megaValuesPerSecond: used.reduce((a, b) => a * b, 1) / timing.median / 1000,
        });
      } catch (error) {
        skipped.push({ name, backend, reason: reasonOf(error) });
      }
    }
  }
  return { results, skipped };
}
