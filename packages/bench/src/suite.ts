import { cpus, loadavg } from 'node:os';
import { type BackendName, tf } from '@fanin/core';
import { activationThroughput } from './benchmarks/activation-throughput.js';
import type { ThroughputResult } from './benchmarks/module-throughput.js';
import { type AttemptSpeedResult, attemptSpeed } from './benchmarks/attempt-speed.js';
import { type CliStartupResult, cliStartup } from './benchmarks/cli-startup.js';
import { type CnnTrainingSpeedResult, cnnTrainingSpeed } from './benchmarks/cnn-training-speed.js';
import {
  type InitializerThroughputResult,
  initializerThroughput,
} from './benchmarks/initializer-throughput.js';
import { type MemoryStabilityResult, memoryStability } from './benchmarks/memory-stability.js';
import { normalizationThroughput } from './benchmarks/normalization-throughput.js';
import {
  BRANIN,
  LOG_BOWL,
  type SamplerEfficiencyResult,
  samplerEfficiency,
} from './benchmarks/sampler-efficiency.js';
import { type SweepExampleSize, sweepExampleProblem } from './benchmarks/sampler-sweep-example.js';
import { type SweepThroughputResult, sweepThroughput } from './benchmarks/sweep-throughput.js';
import {
  type ContenderName,
  type TrainingSpeedResult,
  trainingSpeed,
} from './benchmarks/training-speed.js';
import { BENCHMARK_NAMES, type BenchmarkName, type SuiteOptions } from './suite-options.js';
import { type CnnSpec, REFERENCE_CNN } from './training/reference-cnn.js';
import { type MlpSpec, REFERENCE_MLP } from './training/reference-mlp.js';

/** Everything one run of the suite measured; written as JSON. */
export interface SuiteResult {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly mode: 'full' | 'quick';
  readonly environment: Environment;
  readonly benchmarks: readonly BenchmarkName[];
  readonly training?: TrainingSpeedResult;
  readonly cnn?: CnnTrainingSpeedResult;
  readonly attempts?: readonly AttemptSpeedResult[];
  readonly activations?: ThroughputResult;
  readonly normalization?: ThroughputResult;
  readonly initializers?: InitializerThroughputResult;
  readonly sweep?: SweepThroughputResult;
  readonly samplers?: SamplerEfficiencyResult;
  readonly cli?: CliStartupResult;
  readonly memory?: MemoryStabilityResult;
  /** Benchmarks that failed, with the error, so one failure does not hide the rest. */
  readonly failures: readonly { readonly benchmark: BenchmarkName; readonly error: string }[];
}

export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly tfjs: string;
  /** One-minute load average when the suite started (other work on the machine). */
  readonly loadAverage: number;
}

/** How much work each benchmark does, full or quick. */
export interface SuitePlan {
  readonly spec: MlpSpec;
  readonly trainingSteps: Partial<Record<BackendName, number>>;
  /** Training contenders (default: all). */
  readonly contenders?: readonly ContenderName[];
  readonly repeats: number;
  readonly torchSteps: number;
  readonly attemptSteps: Partial<Record<BackendName, number>>;
  readonly throughputRepeats: number;
  readonly throughputPasses: number;
  /** Milliseconds a throughput repeat aims for (slow entries get fewer passes). */
  readonly throughputTargetMs: number;
  readonly activationShape: readonly number[];
  readonly flatShape: readonly number[];
  readonly spatialShape: readonly number[];
  readonly initializerShape: readonly number[];
  readonly sweepTrials: number;
  /** Seeds (runs per sampler and problem) and trials per run of the sampler benchmark. */
  readonly samplerSeeds: number;
  readonly samplerTrials: number;
  /** The small sweep example of the sampler benchmark (none: left out). */
  readonly samplerSweepExample?: SweepExampleSize;
  readonly cliRuns: number;
  readonly memorySteps: number;
  /** The conv benchmark: its network, steps per timed repeat, and its tensor-count run. */
  readonly cnnSpec: CnnSpec;
  readonly cnnSteps: Partial<Record<BackendName, number>>;
  readonly cnnMemorySteps: number;
}

export function suitePlan(options: Pick<SuiteOptions, 'quick' | 'steps'>): SuitePlan {
  if (options.quick) {
    return {
      spec: { ...REFERENCE_MLP, batchesPerEpoch: 2 },
      // Enough steps for the JIT and tfjs's caches to settle: the quick run's headline is what
      // `fanin bench` prints.
      trainingSteps: { wasm: 30, cpu: 4, webgl: 30 },
      contenders: ['fanin fit', 'fanin step', 'tfjs-layers fit', 'tfjs-layers minimize'],
      repeats: 3,
      torchSteps: 20,
      attemptSteps: { wasm: 4, cpu: 1, webgl: 4 },
      throughputRepeats: 3,
      throughputPasses: 2,
      throughputTargetMs: 10,
      activationShape: [64, 256],
      flatShape: [64, 256],
      spatialShape: [4, 8, 8, 64],
      initializerShape: [256, 256],
      sweepTrials: 4,
      samplerSeeds: 3,
      samplerTrials: 40,
      cliRuns: 1,
      memorySteps: options.steps ?? 300,
      cnnSpec: { ...REFERENCE_CNN, batchesPerEpoch: 2 },
      cnnSteps: { wasm: 4, cpu: 2, webgl: 4 },
      cnnMemorySteps: 20,
    };
  }
  return {
    spec: REFERENCE_MLP,
    trainingSteps: { wasm: 100, cpu: 10, webgl: 100 },
    repeats: 7,
    torchSteps: 100,
    attemptSteps: { wasm: 50, cpu: 10, webgl: 50 },
    throughputRepeats: 5,
    throughputPasses: 10,
    throughputTargetMs: 100,
    activationShape: [256, 1024],
    flatShape: [512, 512],
    spatialShape: [16, 16, 16, 64],
    initializerShape: [1024, 1024],
    sweepTrials: 20,
    samplerSeeds: 20,
    samplerTrials: 200,
    samplerSweepExample: { trials: 30, train: 500, validation: 250, epochs: 1, batchSize: 50 },
    cliRuns: 5,
    memorySteps: options.steps ?? 5000,
    cnnSpec: REFERENCE_CNN,
    cnnSteps: { wasm: 30, cpu: 10, webgl: 30 },
    cnnMemorySteps: 2000,
  };
}

/** Progress messages (to stderr in the command-line runner). */
export type Log = (message: string) => void;

/**
 * Runs the selected benchmarks in order and collects their results. A benchmark that throws
 * is recorded in `failures` and the suite goes on. `planOverrides` changes the amount of work
 * (tests run the whole suite on a tiny network this way).
 */
export async function runSuite(
  options: SuiteOptions,
  log: Log = () => {},
  planOverrides: Partial<SuitePlan> = {},
): Promise<SuiteResult> {
  const started = new Date();
  const startMs = performance.now();
  const plan = { ...suitePlan(options), ...planOverrides };
  const selected = options.only ?? BENCHMARK_NAMES;
  const benchmarks = BENCHMARK_NAMES.filter((name) => selected.includes(name));
  const { backends } = options;
  const throughput = {
    backends,
    repeats: plan.throughputRepeats,
    passes: plan.throughputPasses,
    targetMs: plan.throughputTargetMs,
  };
  const runners: Record<BenchmarkName, () => Promise<unknown>> = {
    training: () =>
      trainingSpeed({
        spec: plan.spec,
        backends,
        steps: plan.trainingSteps,
        ...(plan.contenders ? { contenders: plan.contenders } : {}),
        repeats: plan.repeats,
        torch: options.torch && {
          ...(options.python ? { python: options.python } : {}),
          steps: plan.torchSteps,
        },
      }),
    cnn: () =>
      cnnTrainingSpeed({
        spec: plan.cnnSpec,
        backends,
        steps: plan.cnnSteps,
        // A cpu step of tfjs-layers takes seconds: three repeats of a few epochs are plenty.
        repeats: Math.min(plan.repeats, 3),
        memorySteps: plan.cnnMemorySteps,
        torch: options.torch && {
          ...(options.python ? { python: options.python } : {}),
          steps: Math.max(10, Math.round(plan.torchSteps / 3)),
        },
      }),
    attempts: () =>
      attemptSpeed({ spec: plan.spec, backends, steps: plan.attemptSteps, repeats: plan.repeats }),
    activations: () => activationThroughput({ ...throughput, shape: plan.activationShape }),
    normalization: () =>
      normalizationThroughput({
        ...throughput,
        flatShape: plan.flatShape,
        spatialShape: plan.spatialShape,
      }),
    initializers: () =>
      initializerThroughput({
        backends,
        shape: plan.initializerShape,
        repeats: plan.throughputRepeats,
      }),
    sweep: () => sweepThroughput({ trials: plan.sweepTrials }),
    samplers: async () =>
      samplerEfficiency({
        problems: [
          LOG_BOWL,
          BRANIN,
          ...(plan.samplerSweepExample
            ? [await sweepExampleProblem(plan.samplerSweepExample)]
            : []),
        ],
        seeds: plan.samplerSeeds,
        trials: plan.samplerTrials,
        checkpoints: [20, 50, 100, 200].filter((n) => n <= plan.samplerTrials),
      }),
    cli: () => cliStartup({ runs: plan.cliRuns }),
    memory: () =>
      memoryStability({ spec: plan.spec, backend: backends[0] ?? 'wasm', steps: plan.memorySteps }),
  };
  const results: Partial<Record<BenchmarkName, unknown>> = {};
  const failures: { benchmark: BenchmarkName; error: string }[] = [];
  for (const name of benchmarks) {
    log(`running ${name}...`);
    const start = performance.now();
    try {
      results[name] = await runners[name]();
    } catch (error) {
      failures.push({
        benchmark: name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    log(`  ${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
  return {
    startedAt: started.toISOString(),
    durationMs: performance.now() - startMs,
    mode: options.quick ? 'quick' : 'full',
    environment: environment(),
    benchmarks,
    ...(results as Partial<SuiteResult>),
    failures,
  };
}

function environment(): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: processors[0]?.model ?? 'unknown',
    cores: processors.length,
    tfjs: tf.version_core,
    loadAverage: loadavg()[0] ?? 0,
  };
}
