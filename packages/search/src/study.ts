import { describeValue, FaninError, hashSeed } from '@fanin/core';
import { bestTrial, completedTrials, topTrials } from './analysis/leaderboard.js';
import { refine } from './analysis/refine.js';
import {
  defaultTopCount,
  type StageReport,
  type StageReportOptions,
  stageReport,
} from './analysis/report.js';
import { createStudy } from './create-study.js';
import {
  describeError,
  type Executor,
  inProcess,
  type Objective,
  type TrialOutcome,
} from './executor.js';
import type { Pruner } from './pruners/pruner.js';
import type { Sampler } from './samplers/sampler.js';
import { historyNotFinishedError, samplerHistory } from './samplers/sampler-history.js';
import { type Params, type ParamsOf, paramsFromUnits, type Space } from './space/space.js';
import {
  ATTR,
  type Direction,
  type Storage,
  type StoredParam,
  type StudyRecord,
  type TrialRecord,
} from './storage/storage.js';
import type {
  NextStageOptions,
  OptimizeOptions,
  OptimizeSummary,
  TellResult,
} from './study-options.js';
import type { StudyFingerprint } from './study-fingerprint.js';
import { Trial, type TrialJob } from './trial.js';
import { OPTIMIZE_SETTINGS, resolveSettings } from './study-settings.js';
import { TrialController } from './trial-controller.js';

/**
 * A study: trials of an objective over a space, recorded in a storage. Run it with
 * `optimize` (define-by-run: give the objective, get the study filled) or drive it with
 * `ask`/`tell`. Trial k's parameters depend only on (seed, k): the same with any number of
 * workers and after a crash. A failed or pruned trial is recorded with its reason and the
 * study goes on.
 */
export class Study<S extends Space = Space> {
  readonly id: number;
  readonly name: string;
  readonly direction: Direction;
  private readonly asked = new Map<number, TrialController>();
  private readonly active = new Set<number>();

  constructor(
    readonly storage: Storage,
    record: StudyRecord,
    readonly space: S,
    readonly seed: number,
    readonly sampler: Sampler,
    readonly pruner: Pruner | undefined,
    readonly epochs: number | undefined,
    /** Everything else that decides a trial's value (see `StudyOptions.fingerprint`). */
    readonly fingerprint?: StudyFingerprint,
  ) {
    this.id = record.id;
    this.name = record.name;
    this.direction = record.direction;
  }

  /** Every trial in number order. */
  trials(): Promise<TrialRecord[]> {
    return this.storage.getTrials(this.id);
  }

  /** The best completed trial, if any. */
  async bestTrial(): Promise<TrialRecord | undefined> {
    return bestTrial(await this.trials(), this.direction);
  }

  /** The parameters of the best completed trial. */
  async bestParams(): Promise<ParamsOf<S> | undefined> {
    return (await this.bestTrial())?.params as ParamsOf<S> | undefined;
  }

  /** Leaderboard, edge warnings, parameter importance and the refined next space. */
  async report(options: StageReportOptions = {}): Promise<StageReport> {
    return stageReport(this, await this.trials(), options);
  }

  /**
   * The next stage of a coarse-to-fine sweep: a study in the same storage over the space
   * refined from this one's best trials (see `refine`), usually with more epochs. Running
   * the script again after a crash gives the same next space, since it is computed from
   * the journaled trials of a finished stage.
   */
  async nextStage(options: NextStageOptions = {}): Promise<Study<S>> {
    const trials = await this.trials();
    const top = topTrials(
      trials,
      this.direction,
      options.top ?? defaultTopCount(completedTrials(trials).length),
    );
    const stage = /\/stage-(\d+)$/.exec(this.name);
    const name =
      options.name ??
      (stage
        ? `${this.name.slice(0, stage.index)}/stage-${Number(stage[1]) + 1}`
        : `${this.name}/stage-2`);
    return createStudy({
      name,
      storage: this.storage,
      direction: this.direction,
      seed: this.seed,
      space: refine(this.space, top, options.refine),
      sampler: options.sampler ?? this.sampler,
      pruner: options.pruner ?? this.pruner,
      epochs: options.epochs ?? this.epochs,
      parent: this.name,
      ...(this.fingerprint ? { fingerprint: this.fingerprint } : {}),
    });
  }

  private controller(trial: TrialRecord): TrialController {
    return new TrialController(
      {
        storage: this.storage,
        studyId: this.id,
        direction: this.direction,
        space: this.space,
        seed: this.seed,
        pruner: this.pruner,
      },
      trial.id,
      trial.number,
    );
  }

  /**
   * The parameters of trial `number`: a pure function of (space, sampler, seed, number), and
   * for a model-based sampler (TPE) of `history`, the finished trials below its boundary
   * (`sampleParams` reads them).
   */
  paramsFor(number: number, history?: readonly TrialRecord[]): ParamsOf<S> {
    const context = { space: this.space, seed: this.seed, number, direction: this.direction };
    return paramsFromUnits(
      this.space,
      this.sampler.sample(history ? { ...context, history } : context),
    );
  }

  /** Trial `number`'s parameters from the stored trials; throws if those it needs are unfinished. */
  async sampleParams(number: number): Promise<ParamsOf<S>> {
    if (!this.sampler.historyBoundary) return this.paramsFor(number);
    const state = samplerHistory(this.sampler, await this.trials(), number);
    if (!state.ready)
      throw historyNotFinishedError(this.sampler, number, state, 'Finish (tell) them first');
    return this.paramsFor(number, state.history);
  }

  private async writeMissingParams(trial: TrialRecord, params: Params): Promise<void> {
    const missing: Record<string, StoredParam> = {};
    for (const [name, value] of Object.entries(params)) {
      if (trial.params[name] !== value) missing[name] = { value, distribution: this.space[name]! };
    }
    await this.storage.setTrialParams(trial.id, missing);
  }

  /** Starts an attempt of a trial (new, or left running): writes params and the attempt number. */
  private async startAttempt(
    trial: TrialRecord,
    fresh: boolean,
  ): Promise<{ job: TrialJob; controller: TrialController }> {
    const params = await this.sampleParams(trial.number);
    await this.writeMissingParams(trial, params);
    const previous = trial.systemAttrs[ATTR.attempt];
    const attempt = fresh ? 1 : (typeof previous === 'number' ? previous : 0) + 1;
    await this.storage.setTrialSystemAttr(trial.id, ATTR.attempt, attempt);
    const job: TrialJob = {
      studyName: this.name,
      trialId: trial.id,
      number: trial.number,
      attempt,
      params,
      epochs: this.epochs,
      seed: hashSeed(this.seed, trial.number, 'trial'),
      direction: this.direction,
    };
    return { job, controller: this.controller(trial) };
  }

  /** Creates the next trial and samples its parameters; the caller runs it. */
  async ask(): Promise<Trial<ParamsOf<S>>> {
    if (this.sampler.historyBoundary) {
      const trials = await this.trials();
      const state = samplerHistory(this.sampler, trials, trials.length);
      if (!state.ready)
        throw historyNotFinishedError(this.sampler, trials.length, state, 'Tell them first');
    }
    const record = await this.storage.createTrial(this.id);
    const { job, controller } = await this.startAttempt(record, true);
    this.asked.set(record.id, controller);
    this.active.add(record.id);
    return new Trial<ParamsOf<S>>(job, controller);
  }

  /**
   * Records how an asked trial ended: its value, or `{ state: 'pruned' }`, or
   * `{ state: 'failed', reason }`. A trial for which `shouldPrune()` said yes is recorded as
   * pruned whatever value is told.
   */
  async tell(trial: Trial | number, result: TellResult): Promise<TrialRecord> {
    const id = typeof trial === 'number' ? trial : trial.id;
    const record = await this.storage.getTrial(id);
    if (record.studyId !== this.id)
      throw new FaninError('UNKNOWN_TRIAL', `trial id ${id} belongs to another study`);
    if (record.state !== 'running')
      throw new FaninError(
        'TRIAL_FINISHED',
        `trial ${record.number} is already ${record.state}`,
        'Tell each trial once',
      );
    const controller = this.asked.get(id) ?? this.controller(record);
    const outcome: TrialOutcome =
      typeof result === 'number'
        ? { kind: 'returned', value: result }
        : result.state === 'pruned'
          ? { kind: 'pruned', ...(result.reason ? { reason: result.reason } : {}) }
          : { kind: 'threw', message: result.reason };
    await this.finish(record, controller, outcome, 0);
    this.asked.delete(id);
    this.active.delete(id);
    return this.storage.getTrial(id);
  }

  /** Records a trial's end. Returns "requeue" when a crashed trial should run again. */
  private async finish(
    trial: TrialRecord,
    controller: TrialController,
    outcome: TrialOutcome,
    retries: number,
  ): Promise<'done' | 'requeue'> {
    const storage = this.storage;
    const fail = async (reason: string) => {
      await storage.setTrialSystemAttr(trial.id, ATTR.reason, reason);
      await storage.finishTrial(trial.id, 'failed');
    };
    const prune = async (reason: string) => {
      const current = await storage.getTrial(trial.id);
      const steps = [...current.intermediateValues.keys()];
      const last =
        steps.length > 0 ? current.intermediateValues.get(Math.max(...steps)) : undefined;
      await storage.setTrialSystemAttr(trial.id, ATTR.reason, reason);
      await storage.finishTrial(
        trial.id,
        'pruned',
        last === undefined || Number.isNaN(last) ? undefined : last,
      );
    };
    switch (outcome.kind) {
      case 'returned': {
        if (controller.pruneReason !== undefined)
          return prune(controller.pruneReason).then(() => 'done');
        const value = outcome.value;
        if (typeof value !== 'number')
          await fail(`the objective returned ${describeValue(value)}, not a number`);
        else if (Number.isNaN(value)) await fail('the objective returned NaN');
        else await storage.finishTrial(trial.id, 'complete', value);
        return 'done';
      }
      case 'pruned':
        await prune(outcome.reason ?? controller.pruneReason ?? 'pruned by the objective');
        return 'done';
      case 'threw':
        await fail(outcome.message);
        return 'done';
      default: {
        const current = await storage.getTrial(trial.id);
        const crashes =
          (typeof current.systemAttrs[ATTR.crashes] === 'number'
            ? (current.systemAttrs[ATTR.crashes] as number)
            : 0) + 1;
        await storage.setTrialSystemAttr(trial.id, ATTR.crashes, crashes);
        if (crashes <= retries) return 'requeue';
        await fail(
          `${outcome.reason} (gave up after ${crashes} crashed attempt${crashes === 1 ? '' : 's'}; retries: ${retries})`,
        );
        return 'done';
      }
    }
  }

  /**
   * Runs trials until the study has `options.trials` of them, `concurrency` at a time. The
   * target is an objective function (run in this process) or an executor (`processPool`).
   * Trials left running by an earlier, killed run are re-run first with their numbers and
   * parameters; finished trials are never run again. Resolves when every started trial has
   * been recorded.
   */
  async optimize(
    target: Objective<ParamsOf<S>> | Executor,
    options: OptimizeOptions,
  ): Promise<OptimizeSummary> {
    if (!options)
      throw new FaninError('INVALID_OPTION', 'optimize needs options', 'Pass { trials: <total> }');
    const {
      trials,
      retries,
      concurrency: wanted,
      interrupted,
    } = resolveSettings(OPTIMIZE_SETTINGS, options, 'optimize');
    const executor =
      typeof target === 'function'
        ? inProcess(target as Objective, { concurrency: wanted ?? 1 })
        : target;
    if (!executor || typeof executor.run !== 'function')
      throw new FaninError('INVALID_OPTION', 'optimize: give an objective function or an executor');
    const concurrency = Math.max(1, Math.min(wanted ?? executor.concurrency, executor.concurrency));
    const existing = await this.trials();
    const left =
      interrupted === 'ignore'
        ? []
        : existing.filter((t) => t.state === 'running' && !this.active.has(t.id)).map((t) => t.id);
    const summary = { complete: 0, pruned: 0, failed: 0, rerun: 0, retried: 0, total: 0 };
    if (interrupted === 'fail') {
      for (const id of left) {
        await this.storage.setTrialSystemAttr(
          id,
          ATTR.reason,
          'interrupted: the sweep stopped before the trial finished',
        );
        await this.storage.finishTrial(id, 'failed');
      }
      left.length = 0;
    }
    const queue = left.map((id) => ({ id, fresh: false, rerun: true }));
    const capacity = this.sampler.capacity?.(this.space) ?? Number.POSITIVE_INFINITY;
    let toCreate = Math.max(0, Math.min(trials, capacity) - existing.length);
    const running = new Set<Promise<void>>();
    let failure: unknown;

    const runOne = async (id: number, fresh: boolean, rerun: boolean) => {
      const trial = await this.storage.getTrial(id);
      if (rerun) summary.rerun++;
      const { job, controller } = await this.startAttempt(trial, fresh);
      let outcome: TrialOutcome;
      try {
        outcome = await executor.run(job, controller);
      } catch (error) {
        outcome = { kind: 'threw', message: describeError(error) };
      }
      const result = await this.finish(trial, controller, outcome, retries);
      if (result === 'requeue') {
        summary.retried++;
        queue.unshift({ id, fresh: false, rerun: false });
        return;
      }
      this.active.delete(id);
      const done = await this.storage.getTrial(id);
      if (done.state === 'complete') summary.complete++;
      else if (done.state === 'pruned') summary.pruned++;
      else summary.failed++;
      await options.onTrialEnd?.(done);
    };

    for (;;) {
      while (
        failure === undefined &&
        running.size < concurrency &&
        !options.signal?.aborted &&
        (queue.length > 0 || toCreate > 0)
      ) {
        if (this.sampler.historyBoundary) {
          // A model-based sampler's next trial starts once the trials it is drawn from finish.
          const trials = await this.trials();
          const next = queue[0] ? trials.find((t) => t.id === queue[0]!.id)! : undefined;
          const number = next?.number ?? trials.length;
          const state = samplerHistory(this.sampler, trials, number);
          if (!state.ready && running.size === 0)
            throw historyNotFinishedError(
              this.sampler,
              number,
              state,
              'They are not running here: resume with interrupted: "rerun", or tell them',
            );
          if (!state.ready) break;
        }
        let item = queue.shift();
        if (!item) {
          const created = await this.storage.createTrial(this.id);
          toCreate--;
          item = { id: created.id, fresh: true, rerun: false };
        }
        this.active.add(item.id);
        const { id, fresh, rerun } = item;
        const promise: Promise<void> = runOne(id, fresh, rerun)
          .catch((error) => {
            failure ??= error;
            this.active.delete(id);
          })
          .finally(() => running.delete(promise));
        running.add(promise);
      }
      if (running.size === 0) break;
      await Promise.race(running);
    }
    if (failure !== undefined) throw failure;
    return { ...summary, total: (await this.trials()).length };
  }
}
