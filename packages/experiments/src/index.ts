/**
 * @fanin/experiments: the classic studies of deep-network training as functions of a JSON
 * config that return plain data and Vega-Lite plot specs, for the CLI and the docs. This
 * file is the package's table of contents.
 *
 * ```ts
 * import { studies } from '@fanin/experiments';
 *
 * const result = await studies.activationDistributions.run({ activations: ['tanh'] });
 * result.plots; // Vega-Lite v5 specs, data inlined
 * ```
 */

// The studies table
export { STUDY_NAMES, type StudyName, studies } from './studies.js';

// Defining and running studies
export { StudyAbortedError, StudyConfigError } from './shared/errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
export { jsonNumber, type Plot, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './shared/plot.js';
export { defaultRegistry } from './shared/registry.js';
export {
  defineStudy,
  type ProgressEvent,
  type RunContext,
  type StudyDefinition,
  type StudyResult,
  type StudySession,
} from './shared/study.js';
export type { StudyModelConfig } from './shared/options.js';

// activationDistributions
export {
  activationDistributions,
  activationDistributionsOptions,
  activationDistributionsStudy,
  type DistributionCell,
  type HistogramBin,
} from './activation-distributions/activation-distributions.js';
export {
  type LayerStatistics,
  layerStatistics,
  type SaturationBand,
  saturationBand,
} from './activation-distributions/layer-statistics.js';

// symmetry
export {
  type SymmetryLayer,
  type SymmetryRun,
  type SymmetryTracePoint,
  symmetry,
  symmetryOptions,
  symmetryStudy,
} from './symmetry/symmetry.js';
export { type UnitDifferences, unitDifferences } from './symmetry/unit-differences.js';

// batchNormComparison
export {
  BATCH_NORM_CNN_SIZES,
  batchNormComparison,
  batchNormComparisonOptions,
  batchNormComparisonStudy,
  COMPARISON_METRICS,
  COMPARISON_MODELS,
  type ComparisonMetric,
  type ComparisonModel,
  type EpochLogs,
  type ScaleComparison,
  type ScaleRun,
} from './batch-norm-comparison/batch-norm-comparison.js';

// hyperparameterSearch
export {
  type BestTrial,
  type CurvePoint,
  type HyperparameterSearchContext,
  hyperparameterSearch,
  hyperparameterSearchOptions,
  hyperparameterSearchStudy,
} from './hyperparameter-search/hyperparameter-search.js';
export type {
  ImportanceEntry,
  LeaderboardEntry,
  StageName,
  StageSummary,
  TrialRow,
} from './hyperparameter-search/stage-summary.js';
export {
  runTrial,
  type SearchParams,
  type TrialCurve,
  type TrialSettings,
} from './hyperparameter-search/trial-objective.js';

// trainingHealth
export {
  deadUnitCounts,
  type ReluLikeLayer,
  reluLikeLayers,
} from './training-health/dead-units.js';
export {
  deadUnitsFinding,
  type Finding,
  type FindingLevel,
  generalizationGapFinding,
  HEALTH_BANDS,
  lossCurveFinding,
  updateRatioFinding,
} from './training-health/findings.js';
export {
  LOSS_SHAPE_THRESHOLDS,
  type LossShape,
  type LossShapeAnalysis,
  lossShape,
} from './training-health/loss-shape.js';
export {
  type LayerHealth,
  layerLabel,
  trainingHealth,
  trainingHealthOptions,
  trainingHealthStudy,
} from './training-health/training-health.js';
export { type UpdateRatioTrace, updateRatioCallback } from './training-health/update-ratios.js';

// activationCatalogue
export {
  type ActivationFacts,
  activationCatalogue,
  activationCatalogueOptions,
  activationCatalogueStudy,
  type CatalogueEntry,
} from './activation-catalogue/activation-catalogue.js';

// sanityChecks
export {
  checkInputGradient,
  checkParameterGradients,
  GRADCHECK_TOLERANCES,
  type TensorGradientCheck,
} from './sanity-checks/finite-differences.js';
export {
  SANITY_CHECKS,
  type SanityCheck,
  type SanityCheckName,
  sanityChecks,
  sanityChecksOptions,
  sanityChecksStudy,
} from './sanity-checks/sanity-checks.js';
