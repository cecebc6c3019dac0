import { randomUUID } from 'node:crypto';
import {
  type JournalBackend,
  JournalOperation,
  type JournalRecord,
  OPTUNA_STATE,
  parsePythonJson,
  stringifyPythonJson,
} from '@fanin/search';
import type { Redis } from 'ioredis';
import { AttemptSupersededError, TrialAlreadyFinishedError } from './errors.js';
import { APPEND, BEGIN_ATTEMPT, CREATE_TRIAL } from './journal-scripts.js';
import type { JournalKeys } from './keys.js';

interface ScriptedRedis {
  faninAppend(...args: (string | number)[]): Promise<[number, string?]>;
  faninCreateTrial(...args: (string | number)[]): Promise<[number, number]>;
  faninBeginAttempt(...args: (string | number)[]): Promise<number>;
}

/** An attempt that owns its trial: its writes carry the token. */
export interface Attempt {
  readonly trialId: number;
  readonly token: string;
  /** 1 for the first run of the trial, more after retries. */
  readonly attempt: number;
}

const READ_PAGE = 5000;

function kindOf(record: JournalRecord): ['c' | 'f' | '-', string] {
  if (record.op_code === JournalOperation.CREATE_TRIAL) return ['c', String(record.study_id)];
  const trial = typeof record.trial_id === 'number' ? String(record.trial_id) : '';
  if (
    record.op_code === JournalOperation.SET_TRIAL_STATE_VALUES &&
    record.state !== OPTUNA_STATE.running &&
    record.state !== OPTUNA_STATE.waiting
  )
    return ['f', trial];
  return ['-', trial];
}

/**
 * A journal in Redis: a list of JSON lines in the exact format of the journal file (so
 * `redis-cli --raw LRANGE fanin:journal 0 -1 > sweep.jsonl` is a file `optuna-dashboard`
 * reads), appended by Lua scripts that enforce two rules atomically:
 *
 * - **one result per trial**: a record that finishes a trial is refused once the trial is
 *   finished (a set of finished ids, updated in the same script);
 * - **only the current attempt writes**: {@link beginAttempt} gives a trial a fresh token;
 *   while this process holds an attempt, its records for that trial carry the token and are
 *   refused ({@link AttemptSupersededError}) once another attempt has taken over.
 *
 * Trials are numbered by a per-study counter incremented with the CREATE_TRIAL record
 * ({@link createTrialUpTo}), so the journal's replay and the counter always agree.
 */
export class RedisJournalBackend implements JournalBackend {
  private readonly attempts = new Map<number, string>();
  private closed = false;

  constructor(
    readonly client: Redis,
    readonly keys: JournalKeys,
    private readonly ownsClient = true,
  ) {
    client.defineCommand('faninAppend', { numberOfKeys: 4, lua: APPEND });
    client.defineCommand('faninCreateTrial', { numberOfKeys: 2, lua: CREATE_TRIAL });
    client.defineCommand('faninBeginAttempt', { numberOfKeys: 3, lua: BEGIN_ATTEMPT });
  }

  private get scripts(): ScriptedRedis {
    return this.client as unknown as ScriptedRedis;
  }

  async append(records: readonly JournalRecord[]): Promise<number> {
    const guards = new Map<number, string>();
    const triples: string[] = [];
    for (const record of records) {
      const [kind, id] = kindOf(record);
      triples.push(kind, id, stringifyPythonJson(record));
      const trialId = record.trial_id;
      const token = typeof trialId === 'number' ? this.attempts.get(trialId) : undefined;
      if (token !== undefined) guards.set(trialId as number, token);
    }
    const k = this.keys;
    const [first, id] = await this.scripts.faninAppend(
      k.log,
      k.tokens,
      k.finished,
      k.trialCounts,
      guards.size,
      ...[...guards].flatMap(([trialId, token]) => [String(trialId), token]),
      ...triples,
    );
    if (first === -1)
      throw new AttemptSupersededError(Number(id), 'a newer attempt started on another worker');
    if (first === -2) {
      if (this.attempts.has(Number(id)))
        throw new AttemptSupersededError(Number(id), 'another attempt finished the trial');
      throw new TrialAlreadyFinishedError(Number(id));
    }
    return first;
  }

  async read(from: number): Promise<readonly JournalRecord[]> {
    const records: JournalRecord[] = [];
    for (let start = from; ; start += READ_PAGE) {
      const lines = await this.client.lrange(this.keys.log, start, start + READ_PAGE - 1);
      for (const [offset, line] of lines.entries())
        records.push(parsePythonJson(line, `${this.keys.log}[${start + offset}]`) as JournalRecord);
      if (lines.length < READ_PAGE) return records;
    }
  }

  /**
   * Appends a CREATE_TRIAL record unless the study already has `limit` trials. Resolves with
   * the record's log index and the new trial's number, or undefined at the limit.
   */
  async createTrialUpTo(
    studyId: number,
    limit: number,
    record: JournalRecord,
  ): Promise<{ index: number; number: number } | undefined> {
    const [index, count] = await this.scripts.faninCreateTrial(
      this.keys.log,
      this.keys.trialCounts,
      studyId,
      limit,
      stringifyPythonJson(record),
    );
    return index === -3 ? undefined : { index, number: count };
  }

  /**
   * Starts an attempt of a trial in this process: from now on this process's records for
   * the trial carry the new token, and any older attempt's records are refused. Resolves
   * undefined when the trial is already finished (nothing to run).
   */
  async beginAttempt(trialId: number): Promise<Attempt | undefined> {
    const token = randomUUID();
    const attempt = await this.scripts.faninBeginAttempt(
      this.keys.tokens,
      this.keys.finished,
      this.keys.attempts,
      trialId,
      token,
    );
    if (attempt === -1) return undefined;
    this.attempts.set(trialId, token);
    return { trialId, token, attempt };
  }

  /** Forgets this process's attempt of a trial (its token is no longer attached to writes). */
  endAttempt(trialId: number): void {
    this.attempts.delete(trialId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) return;
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}
