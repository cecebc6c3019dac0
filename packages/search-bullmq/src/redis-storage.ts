import { hostname } from 'node:os';
import { JournalStorage } from '@fanin/search';
import { DEFAULT_CONNECT_TIMEOUT, journalClient, pingRedis } from './connection.js';
import { DEFAULT_PREFIX, journalKeys } from './keys.js';
import { RedisJournalBackend } from './redis-journal-backend.js';
import { parseRedisUrl, type RedisTarget } from './redis-url.js';

/** Options of {@link redisStorage}. */
export interface RedisStorageOptions {
  /** `redis://host:6379` (see `parseRedisUrl`). */
  readonly url: string;
  /** Key prefix of the journal (and of the queues). Default "fanin". */
  readonly prefix?: string;
  /** Milliseconds to reach Redis before failing with `RedisUnreachableError`. Default 5000. */
  readonly connectTimeout?: number;
  /** Written into each record as `worker_id`. Default `<host>:<pid>`. */
  readonly workerId?: string;
  /** Called with connection errors after the first successful connection (a Redis restart). */
  readonly onConnectionError?: (error: Error) => void;
}

/**
 * A {@link JournalStorage} whose journal is in Redis: a storage shared by every process of
 * a distributed sweep (controller, workers, their trial processes). Every write is one
 * atomic Lua script; every read first catches up with the records others appended.
 */
export class RedisStorage extends JournalStorage {
  declare readonly backend: RedisJournalBackend;

  constructor(
    backend: RedisJournalBackend,
    readonly target: RedisTarget,
    readonly prefix: string,
    workerId?: string,
  ) {
    super(backend, { workerId: workerId ?? `${hostname()}:${process.pid}` });
  }
}

/**
 * Connects to Redis (failing in `connectTimeout` ms with a one-line error if it does not
 * answer) and opens the journal under `prefix`:
 *
 * ```ts
 * const storage = await redisStorage({ url: 'redis://127.0.0.1:6379' });
 * const study = await loadStudy({ storage, name: 'mlp' });
 * ```
 */
export async function redisStorage(options: RedisStorageOptions): Promise<RedisStorage> {
  const target = parseRedisUrl(options.url);
  await pingRedis(target, options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const client = journalClient(target, options.onConnectionError);
  return new RedisStorage(
    new RedisJournalBackend(client, journalKeys(prefix)),
    target,
    prefix,
    options.workerId,
  );
}
