import { activationCatalogueStudy } from './activation-catalogue/activation-catalogue.js';
import { activationDistributionsStudy } from './activation-distributions/activation-distributions.js';
import { batchNormComparisonStudy } from './batch-norm-comparison/batch-norm-comparison.js';
import { hyperparameterSearchStudy } from './hyperparameter-search/hyperparameter-search.js';
import { sanityChecksStudy } from './sanity-checks/sanity-checks.js';
import { symmetryStudy } from './symmetry/symmetry.js';
import { trainingHealthStudy } from './training-health/training-health.js';

/**
 * Every study by name: `{ name, description, options, light, quick, run }`. The CLI derives
 * its flags and a JSON Schema from `options` (`optionsJsonSchema(study.options)`), runs
 * `quick` by default and the defaults (the classic setups) with `--full`; the docs run the
 * `light` ones in the browser.
 *
 * ```ts
 * for (const study of Object.values(studies)) console.log(study.name, study.description);
 * const result = await studies.symmetry.run({ epochs: 5 }, { onProgress: console.log });
 * ```
 */
export const studies = {
  activationDistributions: activationDistributionsStudy,
  symmetry: symmetryStudy,
  batchNormComparison: batchNormComparisonStudy,
  hyperparameterSearch: hyperparameterSearchStudy,
  trainingHealth: trainingHealthStudy,
  activationCatalogue: activationCatalogueStudy,
  sanityChecks: sanityChecksStudy,
} as const;

/** The name of a study: a key of {@link studies}. */
export type StudyName = keyof typeof studies;

/** The list of study names, in the order of {@link studies}. */
export const STUDY_NAMES = Object.keys(studies) as StudyName[];
