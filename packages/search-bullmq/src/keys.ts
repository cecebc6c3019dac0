/** Default prefix of every key fanin and BullMQ write (`fanin:journal`, `fanin:study-mlp:wait`). */
export const DEFAULT_PREFIX = 'fanin';

/** The Redis keys of one journal (all studies under a prefix share it, as in a journal file). */
export interface JournalKeys {
  /** List: the journal, one Optuna-format JSON line per operation, in log order. */
  readonly log: string;
  /** Hash trial id -> token of the attempt that owns the trial. */
  readonly tokens: string;
  /** Hash trial id -> attempts started. */
  readonly attempts: string;
  /** Set of finished trial ids (the compare-and-set index of results). */
  readonly finished: string;
  /** Hash study id -> trials created (the atomic trial counter). */
  readonly trialCounts: string;
}

/** The journal's keys under `prefix`. With Redis Cluster, use a hash tag: `{fanin}`. */
export function journalKeys(prefix: string = DEFAULT_PREFIX): JournalKeys {
  return {
    log: `${prefix}:journal`,
    tokens: `${prefix}:journal:tokens`,
    attempts: `${prefix}:journal:attempts`,
    finished: `${prefix}:journal:finished`,
    trialCounts: `${prefix}:journal:trial-counts`,
  };
}

/** The BullMQ queue of a study's trials (BullMQ keys: `<prefix>:<queue>:...`). */
export function queueName(study: string): string {
  return `study-${encodeURIComponent(study)}`;
}

/** The BullMQ job id of trial `number` of a study: adding it twice adds one job. */
export function trialJobId(number: number): string {
  return `trial-${number}`;
}
