import { activationCatalogueExperiment } from './activation-catalogue/activation-catalogue.js';
import { activationDistributionsExperiment } from './activation-distributions/activation-distributions.js';
import { batchNormComparisonExperiment } from './batch-norm-comparison/batch-norm-comparison.js';
import { hyperparameterSearchExperiment } from './hyperparameter-search/hyperparameter-search.js';
import { sanityChecksExperiment } from './sanity-checks/sanity-checks.js';
import { symmetryExperiment } from './symmetry/symmetry.js';
import { trainingHealthExperiment } from './training-health/training-health.js';

/**
 * Every experiment by name: `{ name, description, options, light, quick, run }`. The CLI
 * derives its flags and a JSON Schema from `options` (`optionsJsonSchema(experiment.options)`),
 * runs `quick` by default and the defaults (the classic setups) with `--full`; the docs run the
 * `light` ones in the browser.
 *
 * ```ts
 * for (const experiment of Object.values(experiments))
 *   console.log(experiment.name, experiment.description);
 * const result = await experiments.symmetry.run({ epochs: 5 }, { onProgress: console.log });
 * ```
 */
export const experiments = {
  activationDistributions: activationDistributionsExperiment,
  symmetry: symmetryExperiment,
  batchNormComparison: batchNormComparisonExperiment,
  hyperparameterSearch: hyperparameterSearchExperiment,
  trainingHealth: trainingHealthExperiment,
  activationCatalogue: activationCatalogueExperiment,
  sanityChecks: sanityChecksExperiment,
} as const;

/** The name of an experiment: a key of {@link experiments}. */
export type ExperimentName = keyof typeof experiments;

/** The list of experiment names, in the order of {@link experiments}. */
export const EXPERIMENT_NAMES = Object.keys(experiments) as ExperimentName[];
