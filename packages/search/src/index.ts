/**
 * @fanin/search: hyperparameter search for fanin. Log-space random search, Sobol and grid
 * samplers, pruners, coarse-to-fine stages with edge warnings and parameter importance,
 * training-health telemetry and an Optuna-compatible journal. Browser-safe; the journal
 * file, worker processes and the benchmark are in `@fanin/search/node`.
 * This file is the package's table of contents.
 */
import { definePlugin } from '@fanin/core';
import { anyOfEntry } from './pruners/any-of.js';
import { divergenceEntry } from './pruners/divergence.js';
import { medianEntry, percentileEntry } from './pruners/percentile.js';
import { successiveHalvingEntry } from './pruners/successive-halving.js';
import { gridEntry } from './samplers/grid.js';
import { randomEntry } from './samplers/random.js';
import { sobolEntry } from './samplers/sobol.js';
import { tpeEntry } from './samplers/tpe.js';

// The search space: distributions and their log scales
export {
  CategoricalDistribution,
  categorical,
  type FromRegistryOptions,
} from './space/categorical.js';
export {
  type CategoricalChoice,
  DISTRIBUTION_TYPES,
  Distribution,
  type DistributionJson,
  type DistributionType,
  NumericDistribution,
  type ParamValue,
  type Scale,
} from './space/distribution.js';
export {
  DISTRIBUTION_FORMS,
  type DistributionForm,
  distributionJsonSchema,
  spaceJsonSchema,
} from './space/distribution-forms.js';
export { FixedDistribution, fixed } from './space/fixed.js';
export { IntDistribution, int } from './space/int.js';
export { LogIntDistribution, logInt } from './space/log-int.js';
export { LogUniformDistribution, logUniform } from './space/log-uniform.js';
export { Pow10Distribution, pow10 } from './space/pow10.js';
export { RangeDistribution } from './space/range-distribution.js';
export {
  checkSpace,
  describeSpace,
  dimensions,
  type Params,
  type ParamsOf,
  paramsFromUnits,
  parseDistribution,
  parseSpace,
  type Space,
  type SpaceJson,
  spaceToJSON,
  type ValueOfDistribution,
} from './space/space.js';
export { UniformDistribution, uniform } from './space/uniform.js';

// Samplers: random, Sobol, grid, TPE
export { samplerFromConfig } from './samplers/from-config.js';
export { grid } from './samplers/grid.js';
export { random, randomUnit } from './samplers/random.js';
export type { SampleContext, Sampler } from './samplers/sampler.js';
export {
  owenScramble,
  SOBOL_MAX_DIMENSIONS,
  type SobolScramble,
  sobol,
  sobolDirections,
  sobolInteger,
  sobolPoint,
} from './samplers/sobol.js';
export { type TpeOptions, tpe } from './samplers/tpe.js';
export { type SplitTrials, splitTrials } from './samplers/tpe-split.js';
export { type ParzenDimension, ParzenEstimator } from './samplers/parzen-estimator.js';

// Pruners: stop bad trials early
export { anyOf } from './pruners/any-of.js';
export { divergence } from './pruners/divergence.js';
export { type MedianOptions, median, percentile } from './pruners/percentile.js';
export {
  KEEP,
  lastStep,
  type PruneContext,
  type PruneDecision,
  type Pruner,
} from './pruners/pruner.js';
export {
  rungKey,
  type SuccessiveHalvingOptions,
  successiveHalving,
} from './pruners/successive-halving.js';

// Studies, trials, executors
export {
  describeError,
  type Executor,
  inProcess,
  isTrialPruned,
  type Objective,
  type TrialOutcome,
} from './executor.js';
export { createStudy, loadStudy } from './create-study.js';
export { Study } from './study.js';
export {
  canonicalJson,
  type Difference,
  firstDifference,
  type StudyFingerprint,
} from './study-fingerprint.js';
export {
  DEFAULT_RETRIES,
  type NextStageOptions,
  type OptimizeOptions,
  type OptimizeSummary,
  type StudyOptions,
  type TellResult,
} from './study-options.js';
export {
  OPTIMIZE_SETTINGS,
  resolveSettings,
  STUDY_SETTINGS,
} from './study-settings.js';
export {
  checkJsonValue,
  Trial,
  type TrialChannel,
  type TrialHandle,
  type TrialJob,
} from './trial.js';
export { type ControllerContext, TrialController } from './trial-controller.js';

// Storage and the journal (Optuna's JournalStorage format)
export {
  type JournalBackend,
  JournalOperation,
  type JournalOperationCode,
  type JournalRecord,
  OPTUNA_DIRECTION,
  OPTUNA_STATE,
  parsePythonTimestamp,
  pythonTimestamp,
} from './storage/journal.js';
export { JournalReplay } from './storage/journal-replay.js';
export { JournalStorage, type JournalStorageOptions } from './storage/journal-storage.js';
export { inMemoryStorage, MemoryJournalBackend } from './storage/memory-backend.js';
export {
  optunaDistributionJson,
  distributionFromOptuna,
  optunaExternalValue,
  optunaInternalValue,
} from './storage/optuna-distribution.js';
export { parsePythonJson, stringifyPythonJson } from './storage/python-json.js';
export {
  ATTR,
  type Direction,
  type FinishedState,
  type JsonValue,
  type Storage,
  type StoredParam,
  type StudyRecord,
  type TrialRecord,
  type TrialState,
} from './storage/storage.js';

// Results and coarse to fine: leaderboards, edge warnings, importance, refinement
export { type EdgeOptions, type EdgeWarning, edgeWarnings } from './analysis/edges.js';
export {
  type CsvOptions,
  curves,
  studyToJSON,
  type TrialJson,
  trialsToCsv,
  trialToJSON,
} from './analysis/export.js';
export {
  type ImportanceOptions,
  type ParameterImportance,
  parameterImportance,
} from './analysis/importance.js';
export {
  bestTrial,
  completedTrials,
  durationSeconds,
  type LeaderboardRow,
  leaderboard,
  rankTrials,
  topTrials,
} from './analysis/leaderboard.js';
export { type RefineOptions, refine } from './analysis/refine.js';
export {
  defaultTopCount,
  formatStageReport,
  type StageReport,
  type StageReportOptions,
  stageReport,
} from './analysis/report.js';

// Training health
export {
  type HealthCallback,
  type HealthOptions,
  type HealthRecord,
  healthCallback,
} from './health/health-callback.js';

// Statistics used by the tests and the docs
export { l2StarDiscrepancy } from './stats/discrepancy.js';
export { type KsResult, kolmogorovSurvival, ksTest } from './stats/ks.js';
export { nanPercentile, pearson, ranks, spearman } from './stats/rank.js';

// Errors
export {
  InvalidSpaceError,
  JournalCorruptError,
  StudyMismatchError,
  TrialPruned,
} from './errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';

/**
 * The search plugin: samplers (random, grid, sobol, tpe) and pruners (divergence, median,
 * percentile, successiveHalving alias asha, anyOf) for the registry, so sweep configs can
 * name them: `fanin.pruner('successiveHalving', { reductionFactor: 3 })`.
 */
export const search = definePlugin({
  name: '@fanin/search',
  samplers: { random: randomEntry, grid: gridEntry, sobol: sobolEntry, tpe: tpeEntry },
  pruners: {
    divergence: divergenceEntry,
    median: medianEntry,
    percentile: percentileEntry,
    successiveHalving: successiveHalvingEntry,
    anyOf: anyOfEntry,
  },
});
