import { describeValue, FaninError, hashSeed } from '@fanin/core';
import { bestTrial, completedTrials, topTrials } from './analysis/leaderboard.js';
import { type RefineOptions, refine } from './analysis/refine.js';
import {
  defaultTopCount,
  type StageReport,
  type StageReportOptions,
  stageReport,
} from './analysis/report.js';
import { StudyMismatchError } from './errors.js';
import {
  describeError,
  type Executor,
  inProcess,
  type Objective,
  type TrialOutcome,
} from './executor.js';
import type { Pruner } from './pruners/pruner.js';
import { samplerFromConfig } from './samplers/from-config.js';
import { random } from './samplers/random.js';
import type { Sampler } from './samplers/sampler.js';
import {
  checkSpace,
  type Params,
  type ParamsOf,
  paramsFromUnits,
  parseSpace,
  type Space,
  spaceToJSON,
} from './space/space.js';
import { inMemoryStorage } from './storage/memory-backend.js';
import {
  ATTR,
  type Direction,
  type JsonValue,
  type Storage,
  type StoredParam,
  type StudyRecord,
  type TrialRecord,
} from './storage/storage.js';
import { Trial, type TrialJob } from './trial.js';
import { TrialController } from './trial-controller.js';

/** Settings of a study (one stage of a sweep). */
export interface StudyOptions<S extends Space> {
  /** The parameters and their distributions. */
  readonly space: S;
  /** Where trials are recorded. Default: in memory (use `journalStorage` from `@fanin/search/node` to survive crashes). */
  readonly storage?: Storage;
  /** Study name; a study of that name in the storage is resumed. Default "study". */
  readonly name?: string;
  readonly direction?: Direction;
  /** Seed of the sampler and of the trials' own seeds. Default 0. */
  readonly seed?: number;
  /** Default: random(). */
  readonly sampler?: Sampler;
  /** Default: none (no trial is stopped early). */
  readonly pruner?: Pruner;
  /** Budget per trial for this stage (epochs), passed to the objective as `trial.epochs`. */
  readonly epochs?: number;
  /** The study this one refines (recorded for provenance; set by `nextStage`). */
  readonly parent?: string;
}

/** Options of `study.optimize`. */
export interface OptimizeOptions {
  /**
   * How many trials the study should have in total: trials already in the storage (from an
   * earlier run that was stopped) count, so running the same script again continues the
   * sweep. Optuna's `n_trials` is per call and per process instead.
   */
  readonly trials: number;
  /** Trials run at once. Default: the executor's concurrency (1 for an objective function). */
  readonly concurrency?: number;
  /** How many times a trial whose worker died is run again (same number, same parameters). Default 0. */
  readonly retries?: number;
  /**
   * What to do with trials an earlier run left running (it was killed): "rerun" them with
   * the same number and parameters (default), or record them as "fail"ed.
   */
  readonly interrupted?: 'rerun' | 'fail';
  /** When aborted, no new trial starts; running ones finish. */
  readonly signal?: AbortSignal;
  /** Called after each trial is recorded. */
  readonly onTrialEnd?: (trial: TrialRecord) => void | Promise<void>;
}

/** What one `optimize` call did. */
export interface OptimizeSummary {
  /** Trials run to the end in this call, by how they ended. */
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  /** Trials left running by an earlier run, run again. */
  readonly rerun: number;
  /** Runs repeated because a worker died. */
  readonly retried: number;
  /** Trials in the study now. */
  readonly total: number;
}

/** The result told for an asked trial: a value, or how it ended otherwise. */
export type TellResult =
  | number
  | { readonly state: 'pruned'; readonly reason?: string }
  | { readonly state: 'failed'; readonly reason: string };

/** Options of `study.nextStage`. */
export interface NextStageOptions {
  /** Name of the next study. Default: "<name>/stage-2" and so on. */
  readonly name?: string;
  readonly epochs?: number;
  /** Trials the ranges are built from. Default max(3, 10% of the completed). */
  readonly top?: number;
  readonly refine?: RefineOptions;
  /** Default: this stage's sampler. */
  readonly sampler?: Sampler;
  /** Default: this stage's pruner. */
  readonly pruner?: Pruner;
}

interface StoredStudyConfig {
  readonly version: 1;
  readonly space: JsonValue;
  readonly seed: number;
  readonly sampler: JsonValue;
  readonly epochs: number | null;
  readonly parent?: string;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new FaninError(
      'INVALID_OPTION',
      `study seed must be an integer in [0, 2^32), got ${describeValue(seed)}`,
    );
  }
  return seed;
}

function checkEpochs(epochs: unknown): number | undefined {
  if (epochs === undefined) return undefined;
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs < 1) {
    throw new FaninError(
      'INVALID_OPTION',
      `study epochs must be an integer >= 1, got ${describeValue(epochs)}`,
    );
  }
  return epochs;
}

/**
 * Creates a study, or resumes the one of that name in the storage (checking that space,
 * seed, sampler, direction and epochs are the same: otherwise it throws StudyMismatchError
 * rather than mixing two experiments).
 *
 * ```ts
 * const study = await createStudy({
 *   name: 'mlp-coarse', storage: await journalStorage('runs/mlp.jsonl'), seed: 7, epochs: 2,
 *   space: { learningRate: logUniform(1e-6, 1e-1), activation: categorical(['relu', 'tanh']) },
 *   pruner: divergence(),
 * });
 * ```
 */
export async function createStudy<const S extends Space>(
  options: StudyOptions<S>,
): Promise<Study<S>> {
  const space = checkSpace(options.space) as S;
  const name = options.name ?? 'study';
  if (typeof name !== 'string' || name.length === 0)
    throw new FaninError(
      'INVALID_OPTION',
      `study name must be a non-empty string, got ${describeValue(name)}`,
    );
  const direction = options.direction ?? 'minimize';
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new FaninError(
      'INVALID_OPTION',
      `study direction must be "minimize" or "maximize", got ${describeValue(direction)}`,
    );
  }
  const seed = checkSeed(options.seed ?? 0);
  const epochs = checkEpochs(options.epochs);
  const sampler = options.sampler ?? random();
  const storage = options.storage ?? inMemoryStorage();
  const record = await storage.createStudy(name, direction);
  if (record.direction !== direction)
    throw new StudyMismatchError(name, 'direction', record.direction, direction);
  const config: StoredStudyConfig = {
    version: 1,
    space: spaceToJSON(space) as JsonValue,
    seed,
    sampler: sampler.config as JsonValue,
    epochs: epochs ?? null,
    ...(options.parent ? { parent: options.parent } : {}),
  };
  const stored = record.systemAttrs[ATTR.study] as StoredStudyConfig | undefined;
  if (stored === undefined) {
    const trials = await storage.getTrials(record.id);
    if (trials.length > 0) {
      throw new FaninError(
        'NOT_A_FANIN_STUDY',
        `study "${name}" has ${trials.length} trials but no fanin settings: another tool wrote it`,
        'Use another study name',
      );
    }
    await storage.setStudySystemAttr(record.id, ATTR.study, config as unknown as JsonValue);
  } else {
    const checks: [string, unknown, unknown][] = [
      ['space', stored.space, config.space],
      ['seed', stored.seed, config.seed],
      ['sampler', stored.sampler, config.sampler],
      ['epochs', stored.epochs, config.epochs],
    ];
    for (const [what, before, now] of checks) {
      if (canonical(before) !== canonical(now))
        throw new StudyMismatchError(name, what, canonical(before), canonical(now));
    }
  }
  return new Study<S>(storage, record, space, seed, sampler, options.pruner, epochs);
}

/**
 * Opens an existing study from its storage for reports or to continue it, with the space,
 * seed, sampler and epochs it was created with. Pass `pruner` to prune while continuing.
 */
export async function loadStudy(options: {
  readonly storage: Storage;
  readonly name: string;
  readonly sampler?: Sampler;
  readonly pruner?: Pruner;
}): Promise<Study> {
  const record = await options.storage.getStudy(options.name);
  if (!record) {
    const names = (await options.storage.listStudies()).map((s) => `"${s.name}"`);
    throw new FaninError(
      'UNKNOWN_STUDY',
      `no study "${options.name}" in this storage`,
      names.length > 0 ? `Studies: ${names.join(', ')}` : 'The storage has no studies',
    );
  }
  const stored = record.systemAttrs[ATTR.study] as StoredStudyConfig | undefined;
  if (!stored)
    throw new FaninError(
      'NOT_A_FANIN_STUDY',
      `study "${options.name}" has no fanin settings: another tool wrote it`,
    );
  const space = parseSpace(stored.space, `study "${options.name}" space`);
  const sampler = options.sampler ?? samplerFromConfig(stored.sampler);
  return new Study(
    options.storage,
    record,
    space,
    stored.seed,
    sampler,
    options.pruner,
    stored.epochs ?? undefined,
  );
}

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

  /** The parameters of trial `number`: a pure function of (space, sampler, seed, number). */
  paramsFor(number: number): ParamsOf<S> {
    return paramsFromUnits(
      this.space,
      this.sampler.sample({ space: this.space, seed: this.seed, number }),
    );
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
    const params = this.paramsFor(trial.number);
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
        await fail(retries > 0 ? `${outcome.reason} (${crashes} times)` : outcome.reason);
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
    if (
      !options ||
      typeof options.trials !== 'number' ||
      !Number.isInteger(options.trials) ||
      options.trials < 0
    ) {
      throw new FaninError(
        'INVALID_OPTION',
        `optimize: "trials" must be an integer >= 0 (the study's total), got ${describeValue(options?.trials)}`,
      );
    }
    const retries = options.retries ?? 0;
    const executor =
      typeof target === 'function'
        ? inProcess(target as Objective, { concurrency: options.concurrency ?? 1 })
        : target;
    if (!executor || typeof executor.run !== 'function')
      throw new FaninError('INVALID_OPTION', 'optimize: give an objective function or an executor');
    const concurrency = Math.max(
      1,
      Math.min(options.concurrency ?? executor.concurrency, executor.concurrency),
    );
    const existing = await this.trials();
    const left = existing
      .filter((t) => t.state === 'running' && !this.active.has(t.id))
      .map((t) => t.id);
    const summary = { complete: 0, pruned: 0, failed: 0, rerun: 0, retried: 0, total: 0 };
    if (options.interrupted === 'fail') {
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
    let toCreate = Math.max(0, Math.min(options.trials, capacity) - existing.length);
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
