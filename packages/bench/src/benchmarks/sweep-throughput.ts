import { optionalExport } from '../optional-import.js';

export interface SweepThroughputOptions {
  /** Worker counts to compare (default [1, 2]). */
  readonly workers?: readonly number[];
  /** Trials per sweep. */
  readonly trials: number;
}

/** What `sweepThroughput` of @fanin/search/node reports for one worker count. */
export interface SweepRun {
  readonly workers: number;
  readonly trials: number;
  readonly trialsPerMinute: number;
  /** Everything else the search package reported. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type SweepThroughputResult =
  | {
      readonly measured: true;
      readonly runs: readonly SweepRun[];
      readonly speedup: number | undefined;
    }
  | { readonly measured: false; readonly reason: string };

type SweepThroughputFunction = (options: {
  workers: number;
  trials: number;
}) => Promise<number | { trialsPerMinute: number }>;

/**
 * Hyperparameter-sweep throughput with 1 and 2 workers, measured by @fanin/search's own
 * `sweepThroughput` (from `@fanin/search/node`), so the sweep is the one `fanin sweep` runs.
 * Reports `measured: false` with the reason when the search package does not provide it.
 */
export async function sweepThroughput(
  options: SweepThroughputOptions,
): Promise<SweepThroughputResult> {
  const found = await optionalExport<SweepThroughputFunction>(
    '@fanin/search/node',
    'sweepThroughput',
  );
  if ('missing' in found) return { measured: false, reason: found.missing };
  const runs: SweepRun[] = [];
  for (const workers of options.workers ?? [1, 2]) {
    const reported = await found.value({ workers, trials: options.trials });
    const trialsPerMinute = typeof reported === 'number' ? reported : reported.trialsPerMinute;
    if (typeof trialsPerMinute !== 'number' || !Number.isFinite(trialsPerMinute)) {
      return {
        measured: false,
        reason: `@fanin/search/node sweepThroughput returned ${JSON.stringify(reported)}; expected a number or { trialsPerMinute }`,
      };
    }
    runs.push({
      workers,
      trials: options.trials,
      trialsPerMinute,
      ...(typeof reported === 'object' ? { details: reported as Record<string, unknown> } : {}),
    });
  }
  const one = runs.find((run) => run.workers === 1);
  const two = runs.find((run) => run.workers === 2);
  return {
    measured: true,
    runs,
    speedup: one && two ? two.trialsPerMinute / one.trialsPerMinute : undefined,
  };
}
