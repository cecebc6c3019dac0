import { FaninError } from '@fanin/core';
import type { Pruner } from './pruners/pruner.js';
import { randomUnit } from './samplers/random.js';
import type { DistributionJson, ParamValue } from './space/distribution.js';
import { parseDistribution, type Space } from './space/space.js';
import type { Direction, JsonValue, Storage } from './storage/storage.js';
import { checkJsonValue, type TrialChannel } from './trial.js';

/** Where a controller writes: one study's storage and settings. */
export interface ControllerContext {
  readonly storage: Storage;
  readonly studyId: number;
  readonly direction: Direction;
  readonly space: Space;
  readonly seed: number;
  readonly pruner: Pruner | undefined;
}

/**
 * The study's side of a running trial: validates and journals what the trial reports, runs
 * the pruner, and remembers whether it has said "prune". Whatever runs the objective (this
 * process, a worker) talks to it through the `TrialChannel` methods.
 */
export class TrialController implements TrialChannel {
  /** Set once the pruner has said yes: the trial ends as pruned. */
  pruneReason: string | undefined;
  private readonly reportedSteps = new Set<number>();
  private readonly suggested = new Map<string, string>();

  constructor(
    private readonly context: ControllerContext,
    readonly trialId: number,
    readonly number: number,
  ) {}

  async report(step: number, value: number): Promise<void> {
    if (!Number.isInteger(step) || step < 0)
      throw new FaninError(
        'INVALID_REPORT',
        `trial ${this.number}: step must be an integer >= 0, got ${step}`,
      );
    if (typeof value !== 'number')
      throw new FaninError(
        'INVALID_REPORT',
        `trial ${this.number}: reported value must be a number`,
      );
    if (this.reportedSteps.has(step)) return;
    this.reportedSteps.add(step);
    await this.context.storage.setTrialIntermediateValue(this.trialId, step, value);
  }

  async shouldPrune(): Promise<boolean> {
    const { pruner, storage, studyId, direction } = this.context;
    if (!pruner) return false;
    if (this.pruneReason !== undefined) return true;
    const trials = await storage.getTrials(studyId);
    const trial = trials.find((t) => t.id === this.trialId);
    if (!trial) return false;
    const decision = pruner.check({ trial, trials, direction });
    for (const [key, value] of Object.entries(decision.systemAttrs ?? {}))
      await storage.setTrialSystemAttr(this.trialId, key, value);
    if (decision.prune) this.pruneReason = decision.reason ?? `pruned by ${pruner.name}`;
    return decision.prune;
  }

  async setUserAttr(key: string, value: JsonValue): Promise<void> {
    if (typeof key !== 'string' || key.length === 0)
      throw new FaninError(
        'INVALID_ATTRIBUTE',
        `trial ${this.number}: attribute key must be a non-empty string`,
      );
    checkJsonValue(value, `trial ${this.number} user attribute "${key}"`);
    await this.context.storage.setTrialUserAttr(this.trialId, key, value);
  }

  async suggest(name: string, json: DistributionJson): Promise<ParamValue> {
    const path = `trial ${this.number}: suggest("${name}")`;
    if (name in this.context.space) {
      throw new FaninError(
        'INVALID_SUGGEST',
        `${path}: "${name}" is in the study's space`,
        `Read it from trial.params.${name}`,
      );
    }
    const distribution = parseDistribution(json, path);
    const key = JSON.stringify(distribution.toJSON());
    const previous = this.suggested.get(name);
    if (previous !== undefined && previous !== key) {
      throw new FaninError(
        'INVALID_SUGGEST',
        `${path}: suggested again with another distribution (${previous} before, ${key} now)`,
      );
    }
    this.suggested.set(name, key);
    const value = distribution.fromUnit(randomUnit(this.context.seed, this.number, name));
    await this.context.storage.setTrialParams(this.trialId, { [name]: { value, distribution } });
    return value;
  }
}
