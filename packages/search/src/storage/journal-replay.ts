import type { ParamValue } from '../space/distribution.js';
import { JournalOperation, type JournalRecord, parsePythonTimestamp } from './journal.js';
import { optunaExternalValue } from './optuna-distribution.js';
import {
  ATTR,
  type Direction,
  type JsonValue,
  type StudyRecord,
  type TrialRecord,
  type TrialState,
} from './storage.js';

interface StudyState {
  readonly id: number;
  readonly name: string;
  readonly direction: Direction;
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
  readonly trialIds: number[];
  /** The Optuna distribution string last written for each parameter name in the study. */
  readonly distributions: Record<string, string>;
}

interface TrialStateMutable {
  readonly id: number;
  readonly number: number;
  readonly studyId: number;
  state: TrialState;
  value: number | undefined;
  readonly params: Record<string, ParamValue>;
  readonly intermediate: Map<number, number>;
  readonly userAttrs: Record<string, JsonValue>;
  readonly systemAttrs: Record<string, JsonValue>;
  startedAt: Date | undefined;
  completedAt: Date | undefined;
}

const STATES: readonly TrialState[] = ['running', 'complete', 'pruned', 'failed', 'waiting'];
const isFinished = (state: TrialState) =>
  state === 'complete' || state === 'pruned' || state === 'failed';

function firstValue(record: JournalRecord): number | undefined {
  const values = record.values;
  if (Array.isArray(values) && typeof values[0] === 'number') return values[0];
  return typeof record.value === 'number' ? record.value : undefined;
}

/**
 * Rebuilds studies and trials from journal records, with Optuna's replay rules: a study name
 * is created once; trial ids count CREATE_TRIAL records of existing studies; a trial's
 * number is its position in its study; writes to unknown or finished trials are ignored.
 * One fanin rule on top: setting the `fanin:attempt` system attribute starts a new attempt
 * of a re-run trial, which clears its intermediate values (Optuna's replay keeps the old
 * ones, overwritten step by step by the re-run).
 */
export class JournalReplay {
  /** Number of records applied. */
  logNumberRead = 0;
  private readonly studies = new Map<number, StudyState>();
  private nextStudyId = 0;
  private readonly trials: TrialStateMutable[] = [];
  private readonly trialAtLog = new Map<number, number>();

  apply(records: readonly JournalRecord[]): void {
    for (const record of records) {
      const index = this.logNumberRead++;
      this.applyOne(record, index);
    }
  }

  /** The trial id created by the CREATE_TRIAL record at a log index. */
  trialCreatedAt(logIndex: number): number | undefined {
    return this.trialAtLog.get(logIndex);
  }

  studyByName(name: string): StudyRecord | undefined {
    for (const study of this.studies.values())
      if (study.name === name) return this.studySnapshot(study);
    return undefined;
  }

  study(id: number): StudyRecord | undefined {
    const study = this.studies.get(id);
    return study && this.studySnapshot(study);
  }

  allStudies(): StudyRecord[] {
    return [...this.studies.values()].map((study) => this.studySnapshot(study));
  }

  trial(id: number): TrialRecord | undefined {
    const trial = this.trials[id];
    return trial && this.trialSnapshot(trial);
  }

  /** The Optuna distribution string of each parameter written in a study (by name). */
  distributionsOf(studyId: number): Readonly<Record<string, string>> {
    return { ...(this.studies.get(studyId)?.distributions ?? {}) };
  }

  trialsOf(studyId: number): TrialRecord[] {
    const study = this.studies.get(studyId);
    return study ? study.trialIds.map((id) => this.trialSnapshot(this.trials[id]!)) : [];
  }

  private studySnapshot(study: StudyState): StudyRecord {
    return Object.freeze({
      id: study.id,
      name: study.name,
      direction: study.direction,
      userAttrs: Object.freeze({ ...study.userAttrs }),
      systemAttrs: Object.freeze({ ...study.systemAttrs }),
    });
  }

  private trialSnapshot(trial: TrialStateMutable): TrialRecord {
    const reason = trial.systemAttrs[ATTR.reason] ?? trial.systemAttrs.fail_reason;
    const attempt = trial.systemAttrs[ATTR.attempt];
    return Object.freeze({
      id: trial.id,
      number: trial.number,
      studyId: trial.studyId,
      state: trial.state,
      value: trial.value,
      params: Object.freeze({ ...trial.params }),
      intermediateValues: new Map([...trial.intermediate].sort((a, b) => a[0] - b[0])),
      userAttrs: Object.freeze({ ...trial.userAttrs }),
      systemAttrs: Object.freeze({ ...trial.systemAttrs }),
      startedAt: trial.startedAt,
      completedAt: trial.completedAt,
      reason: typeof reason === 'string' ? reason : undefined,
      attempt: typeof attempt === 'number' && attempt >= 1 ? attempt : 1,
    });
  }

  private updatable(record: JournalRecord): TrialStateMutable | undefined {
    const id = record.trial_id;
    if (typeof id !== 'number') return undefined;
    const trial = this.trials[id];
    if (!trial || isFinished(trial.state) || !this.studies.has(trial.studyId)) return undefined;
    return trial;
  }

  private applyOne(record: JournalRecord, logIndex: number): void {
    switch (record.op_code) {
      case JournalOperation.CREATE_STUDY: {
        const name = String(record.study_name);
        if ([...this.studies.values()].some((study) => study.name === name)) return;
        const directions = record.directions as number[] | undefined;
        const id = this.nextStudyId++;
        this.studies.set(id, {
          id,
          name,
          direction: directions?.[0] === 2 ? 'maximize' : 'minimize',
          userAttrs: {},
          systemAttrs: {},
          trialIds: [],
          distributions: {},
        });
        return;
      }
      case JournalOperation.DELETE_STUDY:
        this.studies.delete(record.study_id as number);
        return;
      case JournalOperation.SET_STUDY_USER_ATTR:
        Object.assign(
          this.studies.get(record.study_id as number)?.userAttrs ?? {},
          record.user_attr,
        );
        return;
      case JournalOperation.SET_STUDY_SYSTEM_ATTR:
        Object.assign(
          this.studies.get(record.study_id as number)?.systemAttrs ?? {},
          record.system_attr,
        );
        return;
      case JournalOperation.CREATE_TRIAL: {
        const study = this.studies.get(record.study_id as number);
        if (!study) return;
        const id = this.trials.length;
        const distributions = (record.distributions ?? {}) as Record<string, string>;
        Object.assign(study.distributions, distributions);
        const params: Record<string, ParamValue> = {};
        for (const [name, internal] of Object.entries(
          (record.params ?? {}) as Record<string, number>,
        )) {
          const distribution = distributions[name];
          params[name] = distribution ? optunaExternalValue(distribution, internal) : internal;
        }
        const intermediate = new Map<number, number>();
        for (const [step, value] of Object.entries(
          (record.intermediate_values ?? {}) as Record<string, number>,
        ))
          intermediate.set(Number(step), value);
        const state = STATES[typeof record.state === 'number' ? record.state : 0] ?? 'running';
        this.trials.push({
          id,
          number: study.trialIds.length,
          studyId: study.id,
          state,
          value: firstValue(record),
          params,
          intermediate,
          userAttrs: { ...((record.user_attrs ?? {}) as Record<string, JsonValue>) },
          systemAttrs: { ...((record.system_attrs ?? {}) as Record<string, JsonValue>) },
          startedAt: parsePythonTimestamp(record.datetime_start),
          completedAt: parsePythonTimestamp(record.datetime_complete),
        });
        study.trialIds.push(id);
        this.trialAtLog.set(logIndex, id);
        return;
      }
      case JournalOperation.SET_TRIAL_PARAM: {
        const trial = this.updatable(record);
        if (!trial) return;
        trial.params[String(record.param_name)] = optunaExternalValue(
          String(record.distribution),
          record.param_value_internal as number,
        );
        const study = this.studies.get(trial.studyId);
        if (study) study.distributions[String(record.param_name)] = String(record.distribution);
        return;
      }
      case JournalOperation.SET_TRIAL_STATE_VALUES: {
        const trial = this.updatable(record);
        if (!trial) return;
        const state = STATES[record.state as number] ?? 'running';
        if (state === 'running' && trial.state === 'running') return;
        if (state === 'running') trial.startedAt = parsePythonTimestamp(record.datetime_start);
        if (isFinished(state)) trial.completedAt = parsePythonTimestamp(record.datetime_complete);
        trial.state = state;
        const value = firstValue(record);
        if (value !== undefined) trial.value = value;
        return;
      }
      case JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE: {
        const trial = this.updatable(record);
        if (trial)
          trial.intermediate.set(record.step as number, record.intermediate_value as number);
        return;
      }
      case JournalOperation.SET_TRIAL_USER_ATTR: {
        const trial = this.updatable(record);
        if (trial) Object.assign(trial.userAttrs, record.user_attr);
        return;
      }
      case JournalOperation.SET_TRIAL_SYSTEM_ATTR: {
        const trial = this.updatable(record);
        if (!trial) return;
        const attrs = (record.system_attr ?? {}) as Record<string, JsonValue>;
        if (ATTR.attempt in attrs) trial.intermediate.clear();
        Object.assign(trial.systemAttrs, attrs);
        return;
      }
      default:
        // Operations from a newer Optuna are skipped, as its own reader would fail on them.
        return;
    }
  }
}
