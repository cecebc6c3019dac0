/**
 * @fanin/experiments: the classic experiments of deep-network training as functions of a JSON
 * config that return plain data and Vega-Lite plot specs, for the CLI and the docs. This
 * file is the package's table of contents.
 *
 * ```ts
 * import { experiments } from '@fanin/experiments';
 *
 * const result = await experiments.activationDistributions.run({ activations: ['tanh'] });
 * result.plots; // Vega-Lite v5 specs, data inlined
 * ```
 */

// The experiments table
export { EXPERIMENT_NAMES, type ExperimentName, experiments } from './experiments.js';

// Defining and running experiments
export { ExperimentAbortedError, ExperimentConfigError } from './shared/errors.js';
// Their codes, declared on @fanin/core's FaninErrorCodes (type only: it ships in index.d.ts)
export type {} from './error-codes.js';
export { jsonNumber, type Plot, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './shared/plot.js';
export { defaultRegistry } from './shared/registry.js';
export {
  defineExperiment,
  type ProgressEvent,
  type RunContext,
  type ExperimentDefinition,
  type ExperimentResult,
  type ExperimentSession,
} from './shared/experiment.js';
export type { ExperimentModelConfig } from './shared/options.js';

// activationDistributions
export {
  activationDistributions,
  activationDistributionsOptions,
  activationDistributionsExperiment,
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
  symmetryExperiment,
} from './symmetry/symmetry.js';
export { type UnitDifferences, unitDifferences } from './symmetry/unit-differences.js';

// batchNormComparison
export {
  BATCH_NORM_CNN_SIZES,
  batchNormComparison,
  batchNormComparisonOptions,
  batchNormComparisonExperiment,
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
  hyperparameterSearchExperiment,
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
  trainingHealthExperiment,
} from './training-health/training-health.js';
export { type UpdateRatioTrace, updateRatioCallback } from './training-health/update-ratios.js';

// activationCatalogue
export {
  type ActivationFacts,
  activationCatalogue,
  activationCatalogueOptions,
  activationCatalogueExperiment,
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
  sanityChecksExperiment,
} from './sanity-checks/sanity-checks.js';
