/**
 * The journal: an append-only log of operations, one JSON object per line, in Optuna's
 * `JournalStorage` format (`optuna/storages/journal/_storage.py`), so that
 * `optuna-dashboard ./sweep.jsonl` and `optuna.storages.JournalStorage` read fanin studies.
 * Each record carries `op_code` and `worker_id`; the other fields depend on the operation.
 */
export const JournalOperation = {
  /** `study_name`, `directions` ([1] minimize, [2] maximize). */
  CREATE_STUDY: 0,
  /** `study_id`. */
  DELETE_STUDY: 1,
  /** `study_id`, `user_attr: { key: value }`. */
  SET_STUDY_USER_ATTR: 2,
  /** `study_id`, `system_attr: { key: value }`. */
  SET_STUDY_SYSTEM_ATTR: 3,
  /** `study_id`, `datetime_start` (local time, microseconds, as Python's `isoformat`). */
  CREATE_TRIAL: 4,
  /** `trial_id`, `param_name`, `param_value_internal`, `distribution` (a JSON string). */
  SET_TRIAL_PARAM: 5,
  /** `trial_id`, `state` (0 running, 1 complete, 2 pruned, 3 fail, 4 waiting), `values`, `datetime_complete`. */
  SET_TRIAL_STATE_VALUES: 6,
  /** `trial_id`, `step`, `intermediate_value`. */
  SET_TRIAL_INTERMEDIATE_VALUE: 7,
  /** `trial_id`, `user_attr: { key: value }`. */
  SET_TRIAL_USER_ATTR: 8,
  /** `trial_id`, `system_attr: { key: value }`. */
  SET_TRIAL_SYSTEM_ATTR: 9,
} as const;

export type JournalOperationCode = (typeof JournalOperation)[keyof typeof JournalOperation];

/** One journal line. */
export interface JournalRecord {
  readonly op_code: JournalOperationCode;
  readonly worker_id: string;
  readonly [field: string]: unknown;
}

/**
 * Where journal records live: a file, memory, Redis. One method to append (in order,
 * durably) and one to read everything from a position. Several writers may share a backend
 * if `append` is atomic and all readers see one order (Optuna's Redis layout: an INCR
 * counter and one key per record).
 */
export interface JournalBackend {
  /** Appends records in order; resolves, once they are durable, with the log index of the first. */
  append(records: readonly JournalRecord[]): Promise<number>;
  /** All records from log index `from` on, in log order. */
  read(from: number): Promise<readonly JournalRecord[]>;
  /** Flushes and releases resources. */
  close?(): Promise<void>;
}

/** Optuna's numeric trial states. */
export const OPTUNA_STATE = { running: 0, complete: 1, pruned: 2, failed: 3, waiting: 4 } as const;
/** Optuna's numeric study directions. */
export const OPTUNA_DIRECTION = { minimize: 1, maximize: 2 } as const;

/** A timestamp as Python's `datetime.now().isoformat(timespec="microseconds")` writes it (local, no zone). */
export function pythonTimestamp(date: Date = new Date()): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds() * 1000, 6)}`
  );
}

/** Parses a Python `isoformat` timestamp (naive ones as local time). */
export function parsePythonTimestamp(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text,
    );
  if (!match) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const [, y, mo, d, h, mi, s, fraction = '0', zone] = match;
  const ms = Math.floor(Number(fraction.padEnd(6, '0')) / 1000);
  if (zone)
    return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}${zone}`);
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
}
