import { option, resolveOptions } from '@fanin/core';
import { DEFAULT_RETRIES } from './study-options.js';

/**
 * The plain settings of a study (`createStudy`), declared once with core's `option` specs:
 * checked and defaulted by `resolveOptions`, and readable by the CLI and docs. The object
 * options (space, storage, sampler, pruner, fingerprint) are checked where they are used.
 */
export const STUDY_SETTINGS = {
  name: option.string({
    description: 'Study name; a study of that name in the storage is resumed',
    default: 'study',
    nonEmpty: true,
  }),
  direction: option.enum(['minimize', 'maximize'], {
    description: 'Whether a lower or a higher objective value is better',
    default: 'minimize',
  }),
  seed: option.integer({
    description: "Seed of the sampler and of the trials' own seeds",
    default: 0,
    min: 0,
    max: 2 ** 32 - 1,
  }),
  epochs: option.integer({
    description: 'Budget per trial for this stage, passed to the objective as trial.epochs',
    min: 1,
    optional: true,
  }),
  parent: option.string({
    description: 'The study this one refines (recorded for provenance)',
    nonEmpty: true,
    optional: true,
  }),
} as const;

/** The plain settings of `study.optimize`, declared once (see {@link STUDY_SETTINGS}). */
export const OPTIMIZE_SETTINGS = {
  trials: option.integer({
    description: 'How many trials the study should have in total (trials already stored count)',
    min: 0,
  }),
  concurrency: option.integer({
    description: "Trials run at once (default: the executor's concurrency)",
    min: 1,
    optional: true,
  }),
  retries: option.integer({
    description: 'Re-runs of a trial whose worker process died',
    default: DEFAULT_RETRIES,
    min: 0,
  }),
  interrupted: option.enum(['rerun', 'fail', 'ignore'], {
    description: 'What to do with trials left running by an earlier, killed run',
    default: 'rerun',
  }),
} as const;

/**
 * Checks the settings of `shape` among `options` (other keys are left to the caller) and
 * fills in defaults: `createStudy: option "seed" must be an integer >= 0 and <= 4294967295,
 * got -1`.
 */
export function resolveSettings<const S extends Parameters<typeof resolveOptions>[0]>(
  shape: S,
  options: object,
  subject: string,
) {
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) given[key] = value;
  }
  return resolveOptions(shape, given, subject);
}
