import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FaninError } from '@fanin/core';
import {
  BATCH_NORM_CNN_SIZES,
  type ExperimentName,
  type ExperimentResult,
  experiments,
} from '@fanin/experiments';
import type { ExperimentEntry } from './run-experiment.js';
import {
  summarizeBatchNorm,
  summarizeDistributions,
  summarizeHealth,
  summarizeSearch,
  summarizeSymmetry,
} from './summaries.js';

/** A short hash of a config, so a journal belongs to one configuration of an experiment. */
function configHash(config: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 8);
}

/** What the CLI adds to each experiment: its command, heading, tiny size and terminal summary. */
interface CatalogEntry extends Omit<ExperimentEntry, 'experiment'> {
  readonly name: ExperimentName;
}

/** The classic experiments, in the order `fanin experiments` runs them. */
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
    name: 'batchNormComparison',
    command: 'compare-bn-cnn',
    title: 'Batch and group normalization in a small CNN across weight scales',
    tiny: {
      model: 'cnn',
      scales: 2,
      trainSamples: 50,
      validationSamples: 50,
      filters: 4,
      groups: 2,
      epochs: 1,
      batchSize: 25,
    },
    quick: BATCH_NORM_CNN_SIZES.quick,
    full: BATCH_NORM_CNN_SIZES.full,
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
    // A journal per configuration: running the same experiment again resumes it, and a different
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

/** The catalog entry of an experiment, with the experiment itself. */
export function experimentEntry(name: ExperimentName): ExperimentEntry {
  const entry = CATALOG.find((candidate) => candidate.name === name);
  if (!entry)
    throw new FaninError('UNKNOWN_EXPERIMENT', `experiment "${name}" is not one the CLI runs`);
  const { name: _name, ...rest } = entry;
  return { ...rest, experiment: experiments[name] as ExperimentEntry['experiment'] };
}

/** Every experiment `fanin experiments` runs, in order (an experiment may appear twice, as compare-bn does). */
export function catalogEntries(): ExperimentEntry[] {
  return CATALOG.map(({ name, ...rest }) => ({
    ...rest,
    experiment: experiments[name] as ExperimentEntry['experiment'],
  }));
}

export type { ExperimentResult };
