import { createStudy, fixed, inMemoryStorage, uniform } from '@fanin/search';
import { processPool } from './process-pool.js';

/** Options of {@link sweepThroughput}. */
export interface ThroughputOptions {
  /** Worker processes. */
  readonly workers: number;
  /** Trials to run. */
  readonly trials: number;
  /** Iterations of arithmetic per trial (default 2e7: about 0.1 s of one core). */
  readonly work?: number;
}

/** What {@link sweepThroughput} measured. */
export interface ThroughputResult {
  readonly workers: number;
  readonly trials: number;
  readonly work: number;
  /** Wall time of `optimize`, workers already started. */
  readonly seconds: number;
  readonly trialsPerMinute: number;
}

/**
 * Measures a sweep's throughput: `trials` trials of a CPU-bound synthetic objective on a
 * pool of `workers` processes, with an in-memory storage; worker start-up is excluded.
 * For the benchmark suite: on 2 cores, 2 workers should run about twice the trials per
 * minute of 1.
 */
export async function sweepThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const work = options.work ?? 2e7;
  const study = await createStudy({
    name: 'throughput',
    storage: inMemoryStorage(),
    space: { x: uniform(0, 1), y: uniform(0, 1), work: fixed(work) },
  });
  const pool = processPool({
    module: new URL('./bench-objective.js', import.meta.url),
    export: 'objective',
    workers: options.workers,
  });
  try {
    await pool.warm();
    const start = performance.now();
    const summary = await study.optimize(pool, { trials: options.trials });
    const seconds = (performance.now() - start) / 1000;
    if (summary.complete !== options.trials)
      throw new Error(`sweepThroughput: ${summary.complete} of ${options.trials} trials completed`);
    return {
      workers: options.workers,
      trials: options.trials,
      work,
      seconds,
      trialsPerMinute: (options.trials / seconds) * 60,
    };
  } finally {
    await pool.close();
  }
}
