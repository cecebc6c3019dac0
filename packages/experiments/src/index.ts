/**
 * @fanin/experiments: the classic studies of deep-network training as functions of a JSON
 * config that return plain data and Vega-Lite plot specs. This file is the package's table of
 * contents.
 */
export {
  type DistributionCell,
  type HistogramBin,
  activationDistributions,
  activationDistributionsOptions,
  activationDistributionsStudy,
} from './activation-distributions/activation-distributions.js';
export {
  type LayerStatistics,
  type SaturationBand,
  layerStatistics,
  saturationBand,
} from './activation-distributions/layer-statistics.js';
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
export { StudyAbortedError, StudyConfigError } from './shared/errors.js';
export { type Plot, VEGA_LITE_SCHEMA, type VegaLiteSpec, jsonNumber } from './shared/plot.js';
export { defaultRegistry } from './shared/registry.js';
export {
  type ProgressEvent,
  type RunContext,
  type StudyDefinition,
  type StudyResult,
  type StudySession,
  defineStudy,
} from './shared/study.js';
