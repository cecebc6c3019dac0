import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FaninError } from '@fanin/core';
import * as experiments from '@fanin/experiments';
import type { StudyDefinition, StudyResult } from '@fanin/experiments';
import type { StudyEntry } from './run-study.js';
import {
  summarizeBatchNorm,
  summarizeDistributions,
  summarizeHealth,
  summarizeSearch,
  summarizeSymmetry,
} from './summaries.js';

function isStudy(value: unknown): value is StudyDefinition {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as StudyDefinition).name === 'string' &&
    typeof (value as StudyDefinition).run === 'function' &&
    typeof (value as StudyDefinition).options === 'object'
  );
}

/** The studies `@fanin/experiments` provides, by name (its `studies` table). */
export function availableStudies(): Map<string, StudyDefinition> {
  const table = (experiments as Record<string, unknown>).studies;
  const listed = Array.isArray(table)
    ? table
    : table && typeof table === 'object'
      ? Object.values(table)
      : Object.values(experiments as Record<string, unknown>);
  return new Map(listed.filter(isStudy).map((study) => [study.name, study]));
}

/** A short hash of a config, so a journal belongs to one configuration of a study. */
function configHash(config: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 8);
}

/** What the CLI adds to each study: its command, heading, tiny size and terminal summary. */
interface CatalogEntry extends Omit<StudyEntry, 'study'> {
  readonly name: string;
}

/** The classic studies, in the order `fanin study` runs them. */
export const CATALOG: readonly CatalogEntry[] = [
  {
    name: 'activationDistributions',
    command: 'distributions',
    title: 'Activation distributions',
    tiny: { samples: 200, units: 30, layers: 3 },
    summarize: summarizeDistributions,
  },
  {
    name: 'symmetry',
    command: 'symmetry',
    title: 'Symmetry: zero and constant initialization',
    tiny: { samples: 60, epochs: 2 },
    summarize: summarizeSymmetry,
  },
  {
    name: 'batchNormComparison',
    command: 'compare-bn',
    title: 'Batch normalization across weight scales',
    tiny: {
      scales: 2,
      trainSamples: 100,
      validationSamples: 100,
      hiddenLayers: 2,
      units: 20,
      epochs: 1,
      batchSize: 50,
    },
    summarize: summarizeBatchNorm,
  },
  {
    name: 'hyperparameterSearch',
    command: 'search',
    title: 'Hyperparameter search, coarse to fine',
    tiny: {
      trainSamples: 100,
      validationSamples: 100,
      coarseTrials: 3,
      fineTrials: 2,
      coarseEpochs: 1,
      fineEpochs: 1,
    },
    summarize: summarizeSearch,
    // A journal per configuration: running the same study again resumes it, and a different
    // size or flag never mixes its trials with another configuration's.
    files: (runs, config) => {
      const { storage: _storage, workers: _workers, ...identity } = config;
      return { storage: join(runs, `search-${configHash(identity)}.jsonl`) };
    },
  },
  {
    name: 'trainingHealth',
    command: 'health',
    title: 'Training health',
    tiny: { trainSamples: 100, validationSamples: 100, epochs: 2 },
    summarize: summarizeHealth,
  },
];

/** The catalog entry of a study, with the study itself; a clear error when the package lacks it. */
export function studyEntry(name: string): StudyEntry {
  const entry = CATALOG.find((candidate) => candidate.name === name);
  const study = availableStudies().get(name);
  if (!entry || !study)
    throw new FaninError(
      'STUDY_UNAVAILABLE',
      `study "${name}" is not in the installed @fanin/experiments`,
      'Update @fanin/experiments',
    );
  const { name: _name, ...rest } = entry;
  return { ...rest, study };
}

/** Every catalog study the installed @fanin/experiments provides. */
export function catalogEntries(): StudyEntry[] {
  const available = availableStudies();
  return CATALOG.filter((entry) => available.has(entry.name)).map((entry) =>
    studyEntry(entry.name),
  );
}

export type { StudyResult };
