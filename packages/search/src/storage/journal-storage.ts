import { FaninError } from '@fanin/core';
import {
  type JournalBackend,
  JournalOperation,
  type JournalRecord,
  OPTUNA_DIRECTION,
  OPTUNA_STATE,
  pythonTimestamp,
} from './journal.js';
import { JournalReplay } from './journal-replay.js';
import { optunaDistributionJson, optunaInternalValue } from './optuna-distribution.js';
import type {
  Direction,
  FinishedState,
  JsonValue,
  Storage,
  StoredParam,
  StudyRecord,
  TrialRecord,
} from './storage.js';

function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.floor(Math.random() * 2 ** 52).toString(16)}`;
}

/** Options of {@link JournalStorage}. */
export interface JournalStorageOptions {
  /** Written into every record as `worker_id` (default: a random UUID per storage object). */
  readonly workerId?: string;
}

/**
 * A {@link Storage} kept as a journal of operations on a {@link JournalBackend}, replayed
 * into memory (Optuna's `JournalStorage`). Every write appends records and then catches up
 * with the backend, so writes by other processes sharing the backend are seen in order.
 */
export class JournalStorage implements Storage {
  readonly backend: JournalBackend;
  readonly workerId: string;
  private readonly replay = new JournalReplay();
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(backend: JournalBackend, options: JournalStorageOptions = {}) {
    this.backend = backend;
    this.workerId = options.workerId ?? randomId();
  }

  /** Reads and applies records appended since the last sync. Calls are serialized. */
  sync(): Promise<void> {
    const next = this.syncing.then(async () => {
      const records = await this.backend.read(this.replay.logNumberRead);
      this.replay.apply(records);
    });
    this.syncing = next.catch(() => undefined);
    return next;
  }

  private async write(records: JournalRecord[]): Promise<number> {
    if (this.closed)
      throw new FaninError('STORAGE_CLOSED', 'the storage is closed', 'Open it again to write');
    const index = await this.backend.append(records);
    await this.sync();
    return index;
  }

  private record(op: JournalRecord['op_code'], fields: Record<string, unknown>): JournalRecord {
    return { op_code: op, worker_id: this.workerId, ...fields };
  }

  async createStudy(name: string, direction: Direction): Promise<StudyRecord> {
    await this.sync();
    const existing = this.replay.studyByName(name);
    if (existing) return existing;
    await this.write([
      this.record(JournalOperation.CREATE_STUDY, {
        study_name: name,
        directions: [OPTUNA_DIRECTION[direction]],
      }),
    ]);
    return this.replay.studyByName(name)!;
  }

  async getStudy(name: string): Promise<StudyRecord | undefined> {
    await this.sync();
    return this.replay.studyByName(name);
  }

  async listStudies(): Promise<StudyRecord[]> {
    await this.sync();
    return this.replay.allStudies();
  }

  async setStudyUserAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_STUDY_USER_ATTR, {
        study_id: studyId,
        user_attr: { [key]: value },
      }),
    ]);
  }

  async setStudySystemAttr(studyId: number, key: string, value: JsonValue): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_STUDY_SYSTEM_ATTR, {
        study_id: studyId,
        system_attr: { [key]: value },
      }),
    ]);
  }

  async createTrial(studyId: number): Promise<TrialRecord> {
    const index = await this.write([
      this.record(JournalOperation.CREATE_TRIAL, {
        study_id: studyId,
        datetime_start: pythonTimestamp(),
      }),
    ]);
    const id = this.replay.trialCreatedAt(index);
    if (id === undefined)
      throw new FaninError(
        'UNKNOWN_STUDY',
        `cannot create a trial: study ${studyId} does not exist`,
      );
    return this.replay.trial(id)!;
  }

  async setTrialParams(
    trialId: number,
    params: Readonly<Record<string, StoredParam>>,
  ): Promise<void> {
    const records = Object.entries(params).map(([name, { value, distribution }]) =>
      this.record(JournalOperation.SET_TRIAL_PARAM, {
        trial_id: trialId,
        param_name: name,
        param_value_internal: optunaInternalValue(distribution, value),
        distribution: optunaDistributionJson(distribution),
      }),
    );
    if (records.length > 0) await this.write(records);
  }

  async setTrialIntermediateValue(trialId: number, step: number, value: number): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE, {
        trial_id: trialId,
        step,
        intermediate_value: value,
      }),
    ]);
  }

  async setTrialUserAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_TRIAL_USER_ATTR, {
        trial_id: trialId,
        user_attr: { [key]: value },
      }),
    ]);
  }

  async setTrialSystemAttr(trialId: number, key: string, value: JsonValue): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_TRIAL_SYSTEM_ATTR, {
        trial_id: trialId,
        system_attr: { [key]: value },
      }),
    ]);
  }

  async finishTrial(trialId: number, state: FinishedState, value?: number): Promise<void> {
    await this.write([
      this.record(JournalOperation.SET_TRIAL_STATE_VALUES, {
        trial_id: trialId,
        state: OPTUNA_STATE[state],
        values: value === undefined ? null : [value],
        datetime_complete: pythonTimestamp(),
      }),
    ]);
  }

  async getTrial(trialId: number): Promise<TrialRecord> {
    await this.sync();
    const trial = this.replay.trial(trialId);
    if (!trial)
      throw new FaninError('UNKNOWN_TRIAL', `trial id ${trialId} does not exist in this storage`);
    return trial;
  }

  /**
   * The distribution of each parameter the study's trials were written with (Optuna's
   * `distribution_to_json` strings, by parameter name): the space of a study another tool
   * wrote, which has no fanin settings (see `loadStudy`).
   */
  async paramDistributions(studyId: number): Promise<Readonly<Record<string, string>>> {
    await this.sync();
    return this.replay.distributionsOf(studyId);
  }

  async getTrials(studyId: number): Promise<TrialRecord[]> {
    await this.sync();
    return this.replay.trialsOf(studyId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.syncing;
    await this.backend.close?.();
  }
}
