/**
 * @fanin/bench: the fanin benchmark suite. Training step time of the reference MLP against
 * tfjs-layers (and PyTorch when available) on the cpu and wasm backends, speed experiments
 * on fanin's step, activation / normalization / initializer throughput, sweep throughput,
 * CLI cold start, and memory over a long run. This file is the package's table of contents;
 * `run.ts` is the command-line runner (`pnpm bench`). The speed experiments themselves are
 * not part of this API: they are the `@fanin/bench/attempts` entry (src/attempts/index.ts).
 */
// The suite
export {
  type Environment,
  type Log,
  runSuite,
  type SuitePlan,
  type SuiteResult,
  suitePlan,
} from './suite.js';
export {
  BENCHMARK_NAMES,
  type BenchmarkName,
  DEFAULT_SUITE_OPTIONS,
  parseSuiteArguments,
  SUITE_USAGE,
  type SuiteOptions,
} from './suite-options.js';
export { BenchArgumentError } from './errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';

// Reports
export { type Headline, headline } from './report/headline.js';
export { renderReport } from './report/render.js';
export { defaultResultsDirectory, writeResults } from './report/results-file.js';
export { type Column, formatNumber, formatRatio, formatTable } from './report/table.js';

// Benchmarks
export {
  type BackendTimings,
  type ContenderName,
  type ContenderTiming,
  type RoundPeer,
  type SpeedRatio,
  TRAINING_CONTENDERS,
  timeInTurns,
  type TrainingSpeedOptions,
  type TrainingSpeedResult,
  trainingSpeed,
} from './benchmarks/training-speed.js';
export {
  type AttemptSpeedOptions,
  type AttemptSpeedResult,
  type AttemptTiming,
  attemptSpeed,
} from './benchmarks/attempt-speed.js';
export {
  type ActivationThroughputOptions,
  activationThroughput,
} from './benchmarks/activation-throughput.js';
export {
  type NormalizationThroughputOptions,
  normalizationThroughput,
} from './benchmarks/normalization-throughput.js';
export {
  type ModuleThroughput,
  type Skipped,
  type ThroughputOptions,
  type ThroughputResult,
  timeEntries,
  timeModule,
} from './benchmarks/module-throughput.js';
export {
  type InitializerThroughputOptions,
  type InitializerThroughputResult,
  type InitializerTiming,
  initializerThroughput,
} from './benchmarks/initializer-throughput.js';
export {
  type SweepRun,
  type SweepThroughputOptions,
  type SweepThroughputResult,
  sweepThroughput,
} from './benchmarks/sweep-throughput.js';
export {
  BRANIN,
  COMPARED_SAMPLERS,
  LOG_BOWL,
  type SamplerEfficiencyOptions,
  type SamplerEfficiencyResult,
  type SamplerProblem,
  type SamplerRow,
  samplerEfficiency,
} from './benchmarks/sampler-efficiency.js';
export { type SweepExampleSize, sweepExampleProblem } from './benchmarks/sampler-sweep-example.js';
export {
  type CliStartupOptions,
  type CliStartupResult,
  type CommandTiming,
  cliStartup,
} from './benchmarks/cli-startup.js';
export {
  type MemoryReading,
  type MemoryStabilityOptions,
  type MemoryStabilityResult,
  memoryStability,
} from './benchmarks/memory-stability.js';

// Training contenders and the reference network
export {
  type MlpData,
  type MlpSpec,
  makeMlpData,
  parameterCount,
  REFERENCE_MLP,
} from './training/reference-mlp.js';
export type { TrainingContender } from './training/contender.js';
export {
  benchRegistry,
  type FaninParts,
  faninFit,
  faninMlp,
  faninStep,
} from './training/fanin-contenders.js';
export { layersFit, layersMinimize, layersMlp } from './training/layers-contenders.js';
export {
  DEFAULT_PYTHON,
  TORCH_SCRIPT,
  openTorchMlp,
  TorchPeer,
  type TorchPeerOptions,
  type TorchResult,
} from './training/torch.js';
export {
  type Batch,
  type BatchSource,
  gathered,
  hostCopied,
  presliced,
} from './training/batch-source.js';

// Measurement
export { mean, median, slope } from './measure/statistics.js';
export { measure, type Sample, summarize, type Timing, timeRun } from './measure/timing.js';
