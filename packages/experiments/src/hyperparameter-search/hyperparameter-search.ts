import { currentBackend, type EntryConfig, option } from '@fanin/core';
import {
  canonicalJson,
  createStudy,
  type Executor,
  inMemoryStorage,
  pow10,
  type Storage,
  type Study,
  type TrialRecord,
} from '@fanin/search';
import {
  disposeExperimentData,
  loadExperimentData,
  modelConfigFor,
  type ExperimentData,
} from '../shared/data.js';
import { ExperimentConfigError } from '../shared/errors.js';
import { exponentRangeOption, modelOption, referenceOption } from '../shared/options.js';
import { jsonNumber } from '../shared/plot.js';
import { defineExperiment, type RunContext, type ExperimentSession } from '../shared/experiment.js';
import { openJournal, workerPool } from './node-services.js';
import { hyperparameterSearchPlots } from './plots.js';
import {
  type StageName,
  type StageSummary,
  stageSummary,
  type TrialRow,
  trialRow,
} from './stage-summary.js';
import { runTrial, type TrialCurve, type TrialSettings } from './trial-objective.js';

/** Options of {@link hyperparameterSearch}. */
export const hyperparameterSearchOptions = {
  dataset: referenceOption('dataset', {
    description: 'Training and validation data (a registry dataset)',
    default: 'mnist',
  }),
  trainSamples: option.integer({
    description: 'Training examples (seeded, stratified split)',
    default: 1000,
    min: 2,
  }),
  validationSamples: option.integer({
    description:
      'Validation examples, disjoint from the training ones: the objective is their loss',
    default: 500,
    min: 1,
  }),
  model: modelOption({
    description:
      'The model every trial trains (core model config; inputShape defaults to the dataset)',
    default: { layers: [{ dense: 100, activation: 'relu', init: 'heNormal' }, { dense: 10 }] },
  }),
  optimizer: referenceOption('optimizer', {
    description: 'Optimizer; each trial sets its learningRate and weightDecay',
    default: 'momentum',
  }),
  learningRate: exponentRangeOption({
    description: 'Learning rate 10^U(low, high): its exponent range',
    default: [-6, -2],
  }),
  weightDecay: exponentRangeOption({
    description: 'Weight decay (L2) 10^U(low, high): its exponent range',
    default: [-8, -4],
  }),
  coarseTrials: option.integer({
    description: 'Trials of the coarse stage (short runs over the whole ranges)',
    default: 100,
    min: 1,
  }),
  coarseEpochs: option.integer({ description: 'Epochs per coarse trial', default: 1, min: 1 }),
  fineTrials: option.integer({
    description:
      'Trials of the fine stage (longer runs over the ranges refined from the best coarse trials); 0 skips it',
    default: 30,
    min: 0,
  }),
  fineEpochs: option.integer({ description: 'Epochs per fine trial', default: 4, min: 1 }),
  top: option.integer({
    description:
      'Best coarse trials the fine ranges are built from (default: max(3, 10% of the completed))',
    optional: true,
    min: 1,
  }),
  batchSize: option.integer({ description: 'Examples per step', default: 50, min: 1 }),
  sampler: referenceOption('sampler', {
    description: 'How trials are drawn (a registry sampler)',
    default: 'random',
  }),
  pruner: referenceOption('pruner', {
    description: 'When a trial is stopped early; it sees the training loss every reportEvery steps',
    default: { type: 'divergence', ratio: 3 },
  }),
  reportEvery: option.integer({
    description:
      'Steps between training-loss reports to the pruner (the first step is always reported)',
    default: 5,
    min: 1,
  }),
  bestCurves: option.integer({
    description: 'Learning curves returned: those of the best trials of the last stage',
    default: 5,
    min: 0,
  }),
  storage: option.string({
    description:
      'Journal file recording every trial (Node); running again with the same path resumes the search',
    optional: true,
    nonEmpty: true,
  }),
  workers: option.integer({
    description: 'Worker processes running trials in parallel (Node; 1 runs them in this process)',
    default: 1,
    min: 1,
  }),
  name: option.string({
    description:
      'Name of the search in the storage (its stages are "<name>/coarse" and "<name>/fine")',
    default: 'hyperparameterSearch',
    nonEmpty: true,
  }),
  seed: option.integer({
    description:
      'Seed of the sampler, the data split and every trial (trial k: hashSeed(seed, k, "trial"))',
    default: 0,
    min: 0,
  }),
} as const;

/** The run context of {@link hyperparameterSearch}: a storage object may replace the journal path. */
export interface HyperparameterSearchContext extends RunContext {
  /** Where trials are recorded (e.g. a custom or in-memory storage in a browser). Overrides `storage`. */
  readonly storage?: Storage;
}

/** One epoch of one of the best trials' learning curves. */
export interface CurvePoint {
  readonly stage: StageName;
  readonly number: number;
  /** "#12 lr 3.1e-3 wd 2.0e-6". */
  readonly trial: string;
  readonly epoch: number;
  readonly loss: number | null;
  readonly accuracy: number | null;
  readonly val_loss: number | null;
  readonly val_accuracy: number | null;
}

/** The best trial of the search (of its last stage). */
export interface BestTrial {
  readonly stage: StageName;
  readonly number: number;
  readonly learningRate: number;
  readonly weightDecay: number;
  readonly valLoss: number;
  readonly valAccuracy: number | null;
}

const SETTINGS_ATTRIBUTE = 'experimentSettings';

/**
 * Records the trial settings with a new stage, or checks that a resumed stage was run with
 * the same ones (the search study itself checks space, seed, sampler and epochs).
 */
async function checkSettings(
  storage: Storage,
  study: Study,
  settings: TrialSettings,
): Promise<void> {
  const record = await storage.getStudy(study.name);
  const stored = record?.userAttrs[SETTINGS_ATTRIBUTE];
  if (stored === undefined) {
    await storage.setStudyUserAttr(study.id, SETTINGS_ATTRIBUTE, settings as never);
    return;
  }
  const different = Object.keys(settings).filter(
    (key) =>
      canonicalJson((stored as Record<string, unknown>)[key]) !==
      canonicalJson((settings as unknown as Record<string, unknown>)[key]),
  );
  if (different.length > 0) {
    throw new ExperimentConfigError(
      'hyperparameterSearch',
      `the storage holds a search named "${study.name}" run with a different ${different.join(', ')}`,
      'Use the same config to resume it, or another "name" (or storage) for a new search',
    );
  }
}

function curveLabel(trial: TrialRecord): string {
  const lr = (trial.params.learningRate as number).toExponential(1);
  const wd = (trial.params.weightDecay as number).toExponential(1);
  return `#${trial.number} lr ${lr} wd ${wd}`;
}

function curvePoints(stage: StageName, trial: TrialRecord): CurvePoint[] {
  const curve = trial.userAttrs.curve as unknown as TrialCurve | undefined;
  if (!curve) return [];
  return curve.epoch.map((epoch, i) => ({
    stage,
    number: trial.number,
    trial: curveLabel(trial),
    epoch,
    loss: jsonNumber(curve.loss[i]),
    accuracy: jsonNumber(curve.accuracy[i]),
    val_loss: jsonNumber(curve.val_loss[i]),
    val_accuracy: jsonNumber(curve.val_accuracy[i]),
  }));
}

async function runStage(
  stage: StageName,
  study: Study,
  trials: number,
  target: Executor | ((trial: Parameters<typeof runTrial>[0]) => Promise<number>),
  session: ExperimentSession,
): Promise<void> {
  session.checkAbort(stage);
  let done = (await study.trials()).filter((t) => t.state !== 'running').length;
  await study.optimize(target as never, {
    trials,
    ...(session.signal ? { signal: session.signal } : {}),
    onTrialEnd(trial) {
      done++;
      const what =
        trial.state === 'complete'
          ? `val_loss ${trial.value?.toPrecision(3)}`
          : `${trial.state}${trial.reason ? `: ${trial.reason}` : ''}`;
      const lr = (trial.params.learningRate as number).toExponential(1);
      const wd = (trial.params.weightDecay as number).toExponential(1);
      session.progress(
        stage,
        Math.min(done, trials),
        trials,
        `trial ${trial.number} (lr ${lr}, wd ${wd}): ${what}`,
      );
    },
  });
  session.checkAbort(stage);
}

/**
 * The classic hyperparameter search (cs231n): learning rate 10^U(-6, -2) and weight decay
 * 10^U(-8, -4), sampled at random in log space, on a small MNIST split with a validation
 * set, through @fanin/search. A coarse stage (100 trials of 1 epoch) covers the whole
 * ranges; a fine stage (30 trials of 4 epochs) searches the ranges refined from the best
 * coarse trials (`refine`: narrowed around them, widened past an edge where the best value
 * sits). A trial whose training loss turns NaN or exceeds 3× its first value is pruned
 * (`divergence`). The objective is the final validation loss.
 *
 * What it reproduces: the learning rate matters far more than the weight decay (importance
 * ranking); with SGD with momentum on this budget the best learning rates sit at the top of
 * 10^-6..10^-2, so the search warns that the optimum may lie above the range, and the fine
 * stage moves the range up, where the largest rates diverge and are pruned.
 *
 * With a `storage` path every trial is journaled as it ends; running the same config again
 * resumes (finished trials are kept, interrupted ones re-run, the fine ranges come out the
 * same). `workers > 1` runs trials in that many processes (from the built package).
 */
export const hyperparameterSearchExperiment = defineExperiment({
  name: 'hyperparameterSearch',
  description:
    'Random search of learning rate and weight decay in log space, coarse then fine, with divergence pruning, edge warnings and importance',
  options: hyperparameterSearchOptions,
  light: false,
  quick: {
    trainSamples: 500,
    validationSamples: 300,
    coarseTrials: 20,
    fineTrials: 8,
    fineEpochs: 2,
  },
  async body(config, session, context: HyperparameterSearchContext) {
    const { registry } = session;
    const source = registry.create('dataset', config.dataset);
    const settings: TrialSettings = {
      dataset: config.dataset,
      trainSamples: config.trainSamples,
      validationSamples: config.validationSamples,
      model: modelConfigFor('hyperparameterSearch', config.model, source.features, registry),
      optimizer: config.optimizer,
      batchSize: config.batchSize,
      reportEvery: config.reportEvery,
      seed: config.seed,
    };
    registry.validate('optimizer', optimizerProbe(config.optimizer));
    const space = {
      learningRate: pow10(config.learningRate[0], config.learningRate[1]),
      weightDecay: pow10(config.weightDecay[0], config.weightDecay[1]),
    };
    const sampler = registry.create('sampler', config.sampler);
    const pruner = registry.create('pruner', config.pruner);
    const storage =
      context.storage ?? (config.storage ? await openJournal(config.storage) : inMemoryStorage());
    let data: ExperimentData | undefined;
    let executor: Executor | undefined;
    try {
      let target: Executor | ((trial: Parameters<typeof runTrial>[0]) => Promise<number>);
      if (config.workers > 1) {
        executor = await workerPool(settings, config.workers, currentBackend());
        target = executor;
      } else {
        const loaded = await loadExperimentData(
          'hyperparameterSearch',
          registry,
          config.dataset,
          { train: config.trainSamples, validation: config.validationSamples },
          config.seed,
        );
        data = loaded;
        target = (trial) => runTrial(trial, settings, loaded, registry);
      }
      const coarse = await createStudy({
        name: `${config.name}/coarse`,
        storage,
        direction: 'minimize',
        seed: config.seed,
        space,
        sampler,
        pruner,
        epochs: config.coarseEpochs,
      });
      await checkSettings(storage, coarse, settings);
      await runStage('coarse', coarse, config.coarseTrials, target, session);
      const stages: { stage: StageName; study: Study }[] = [{ stage: 'coarse', study: coarse }];
      const warnings: string[] = [];
      const coarseReport = await coarse.report(config.top ? { top: config.top } : {});
      if (config.fineTrials > 0 && coarseReport.counts.complete > 0) {
        const fine = await coarse.nextStage({
          name: `${config.name}/fine`,
          epochs: config.fineEpochs,
          ...(config.top ? { top: config.top } : {}),
        });
        await checkSettings(storage, fine, settings);
        await runStage('fine', fine, config.fineTrials, target, session);
        stages.push({ stage: 'fine', study: fine });
      } else if (config.fineTrials > 0) {
        warnings.push(
          'no coarse trial completed (all diverged or failed): the fine stage was skipped; lower the learning-rate range',
        );
      }

      const summaries: StageSummary[] = [];
      const rows: TrialRow[] = [];
      let curves: CurvePoint[] = [];
      let best: BestTrial | null = null;
      for (const { stage, study } of stages) {
        const trials = await study.trials();
        const report = await study.report(config.top ? { top: config.top } : {});
        const summary = stageSummary(stage, study, report, trials);
        summaries.push(summary);
        rows.push(...trials.map((trial) => trialRow(stage, trial)));
        for (const edge of summary.edges) warnings.push(`${stage} stage: ${edge.message}`);
        const pruned = summary.counts.pruned;
        if (pruned > 0)
          warnings.push(
            `${stage} stage: ${pruned} of ${summary.counts.total} trials diverged and were pruned`,
          );
        if (report.best) {
          best = {
            stage,
            number: report.best.number,
            learningRate: report.best.params.learningRate as number,
            weightDecay: report.best.params.weightDecay as number,
            valLoss: report.best.value!,
            valAccuracy: trialRow(stage, report.best).valAccuracy,
          };
          const ranked = report.leaderboard.slice(0, config.bestCurves);
          const byNumber = new Map(trials.map((trial) => [trial.number, trial]));
          curves = ranked.flatMap((row) => curvePoints(stage, byNumber.get(row.number)!));
        }
      }
      return {
        stages: summaries,
        trials: rows,
        best,
        curves,
        warnings,
        plots: hyperparameterSearchPlots(rows, curves),
      };
    } finally {
      await executor?.close?.();
      if (data) disposeExperimentData(data);
      if (!context.storage) await storage.close();
    }
  },
});

function optimizerProbe(optimizer: EntryConfig): EntryConfig {
  const base = typeof optimizer === 'string' ? { type: optimizer } : optimizer;
  return { ...base, learningRate: 1e-3, weightDecay: 0 };
}

/**
 * Runs the hyperparameter search (see {@link hyperparameterSearchExperiment}).
 *
 * ```ts
 * const result = await hyperparameterSearch({ coarseTrials: 20, fineTrials: 8, storage: 'runs/hp.jsonl' });
 * result.best; // { stage: 'fine', learningRate: ..., weightDecay: ..., valLoss: ..., valAccuracy: ... }
 * result.warnings; // edge warnings, pruned trials
 * ```
 */
export const hyperparameterSearch = hyperparameterSearchExperiment.run;
