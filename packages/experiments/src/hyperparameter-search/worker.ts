/**
 * The module `processPool` workers load when `hyperparameterSearch` runs with `workers > 1`
 * (built to dist/hyperparameter-worker.js). Each worker process reads the search study's
 * {@link TrialSettings} from the environment, loads its data split once (the same seeded
 * split as every other worker), and runs the trials it is sent on the backend the parent
 * used.
 */
import { type BackendName, useBackend } from '@fanin/core';
import type { TrialHandle } from '@fanin/search';
import { loadExperimentData, type ExperimentData } from '../shared/data.js';
import { defaultRegistry } from '../shared/registry.js';
import { runTrial, type TrialSettings } from './trial-objective.js';
import { BACKEND_VARIABLE, SETTINGS_VARIABLE } from './worker-environment.js';

let prepared: Promise<{ settings: TrialSettings; data: ExperimentData }> | undefined;

async function prepare(): Promise<{ settings: TrialSettings; data: ExperimentData }> {
  const text = process.env[SETTINGS_VARIABLE];
  if (!text)
    throw new Error(`${SETTINGS_VARIABLE} is not set: this module runs in processPool workers`);
  const settings = JSON.parse(text) as TrialSettings;
  const backend = process.env[BACKEND_VARIABLE];
  if (backend) await useBackend(backend as BackendName);
  const data = await loadExperimentData(
    'hyperparameterSearch',
    defaultRegistry(),
    settings.dataset,
    { train: settings.trainSamples, validation: settings.validationSamples },
    settings.seed,
  );
  return { settings, data };
}

/** The objective each worker runs (the `objective` export named to `processPool`). */
export async function objective(trial: TrialHandle): Promise<number> {
  prepared ??= prepare();
  const { settings, data } = await prepared;
  return runTrial(trial, settings, data, defaultRegistry());
}
