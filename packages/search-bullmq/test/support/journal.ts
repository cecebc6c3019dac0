// Reading the journal as the tests' own witness: the raw records in Redis, and the trials
// replayed from them by a fresh storage.
import {
  JournalOperation,
  type JournalRecord,
  OPTUNA_STATE,
  parsePythonJson,
  type TrialRecord,
} from '@fanin/search';
import { journalKeys, redisStorage } from '../../src/index.js';
import type { TestRedis } from './redis-server.js';

/** Every record of the journal, in log order. */
export async function rawJournal(redis: TestRedis, prefix = 'fanin'): Promise<JournalRecord[]> {
  const client = redis.client();
  try {
    const lines = await client.lrange(journalKeys(prefix).log, 0, -1);
    return lines.map((line) => parsePythonJson(line) as JournalRecord);
  } finally {
    client.disconnect();
  }
}

/** How many records finished each trial id (exactly-once recording means 1 each). */
export function resultsPerTrial(records: readonly JournalRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const record of records)
    if (
      record.op_code === JournalOperation.SET_TRIAL_STATE_VALUES &&
      record.state !== OPTUNA_STATE.running
    )
      counts.set(record.trial_id as number, (counts.get(record.trial_id as number) ?? 0) + 1);
  return counts;
}

/** The trials of a study, replayed from Redis by a fresh storage. */
export async function studyTrials(redis: TestRedis, study: string): Promise<TrialRecord[]> {
  const storage = await redisStorage({ url: redis.url });
  try {
    const record = await storage.getStudy(study);
    return record ? await storage.getTrials(record.id) : [];
  } finally {
    await storage.close();
  }
}

/** The value `bowl` returns for a trial's parameters. */
export function bowlValue(params: Readonly<Record<string, unknown>>): number {
  const { x, y } = params as { x: number; y: number };
  return (x - 0.3) ** 2 + (y - 0.7) ** 2;
}
