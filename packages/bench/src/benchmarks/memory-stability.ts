import { type BackendName, fit, tf, useBackend } from '@fanin/core';
import { slope } from '../measure/statistics.js';
import { benchRegistry, faninMlp } from '../training/fanin-contenders.js';
import { makeMlpData, type MlpSpec, REFERENCE_MLP } from '../training/reference-mlp.js';

export interface MemoryStabilityOptions {
  readonly spec?: MlpSpec;
  readonly backend: BackendName;
  /** Training steps (mini-batches) to run. */
  readonly steps: number;
  /** Number of samples of the counters over the run (default 50). */
  readonly samples?: number;
}

/** One reading of the memory counters after a step. */
export interface MemoryReading {
  readonly step: number;
  /** Live tfjs tensors. */
  readonly tensors: number;
  /** Bytes held by live tensors, as tfjs counts them. */
  readonly tensorBytes: number;
  /** Resident set size of the process, MB. */
  readonly rssMb: number;
  /** V8 heap in use, MB. */
  readonly heapMb: number;
}

export interface MemoryStabilityResult {
  readonly backend: BackendName;
  readonly steps: number;
  readonly readings: readonly MemoryReading[];
  /** Live tensors after the first step and at the end. */
  readonly tensorsAfterFirstStep: number;
  readonly tensorsAtEnd: number;
  /** Largest minus smallest live tensor count between batches, after the first step. */
  readonly tensorSpread: number;
  /** RSS growth over the second half of the run, MB per 1,000 steps (least squares). */
  readonly rssSlopeMbPer1000Steps: number;
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  /** Flat: the tensor count never moves after the first step and RSS grows < 1 MB / 1,000 steps. */
  readonly flat: boolean;
  readonly msPerStep: number;
}

/**
 * Trains the reference MLP with fanin's `fit` for many steps and reads the live tensor count
 * and the process memory between batches. A leak of one small tensor per step shows as a
 * count that climbs; a leak outside tfjs's bookkeeping (wasm heap, V8 objects) as RSS that
 * keeps climbing after the first half.
 */
export async function memoryStability(
  options: MemoryStabilityOptions,
): Promise<MemoryStabilityResult> {
  const spec = options.spec ?? REFERENCE_MLP;
  await useBackend(options.backend);
  const registry = benchRegistry();
  const data = makeMlpData(spec);
  const model = faninMlp(spec, registry);
  const optimizer = registry.optimizer('adam', { learningRate: spec.learningRate });
  const loss = registry.loss('softmaxCrossEntropy');
  const every = Math.max(1, Math.floor(options.steps / (options.samples ?? 50)));
  const readings: MemoryReading[] = [];
  const counts: number[] = [];
  let step = 0;
  const start = performance.now();
  try {
    await fit(
      model,
      { x: data.x, y: data.y },
      {
        epochs: Math.ceil(options.steps / spec.batchesPerEpoch),
        batchSize: spec.batchSize,
        optimizer,
        loss,
        seed: spec.seed,
        callbacks: [
          {
            onBatchEnd: (context) => {
              step += 1;
              counts.push(tf.memory().numTensors);
              if (step === 1 || step % every === 0 || step >= options.steps)
                readings.push(read(step));
              if (step >= options.steps) context.stop('done');
            },
          },
        ],
      },
    );
  } finally {
    model.dispose();
    optimizer.dispose();
    data.dispose();
  }
  const elapsed = performance.now() - start;
  const secondHalf = readings.filter((reading) => reading.step > step / 2);
  const rssSlope =
    slope(
      secondHalf.map((reading) => reading.step),
      secondHalf.map((reading) => reading.rssMb),
    ) * 1000;
  const tensorSpread = Math.max(...counts) - Math.min(...counts);
  return {
    backend: options.backend,
    steps: step,
    readings,
    tensorsAfterFirstStep: counts[0] ?? 0,
    tensorsAtEnd: counts.at(-1) ?? 0,
    tensorSpread,
    rssSlopeMbPer1000Steps: rssSlope,
    rssStartMb: readings[0]?.rssMb ?? 0,
    rssEndMb: readings.at(-1)?.rssMb ?? 0,
    flat: tensorSpread === 0 && rssSlope < 1,
    msPerStep: elapsed / Math.max(1, step),
  };
}

function read(step: number): MemoryReading {
  const usage = process.memoryUsage();
  const memory = tf.memory();
  return {
    step,
    tensors: memory.numTensors,
    tensorBytes: memory.numBytes,
    rssMb: usage.rss / 2 ** 20,
    heapMb: usage.heapUsed / 2 ** 20,
  };
}
