import { existsSync, realpathSync } from 'node:fs';
import { FaninError } from '@fanin/core';
import { type JournalBackend, type JournalRecord, JournalStorage } from '@fanin/search';
import { loadSearchBullmq } from '../optional/optional-modules.js';
import { JournalTail } from './journal-tail.js';

/** A journal the dashboard reads, never writes: a file it tails, or a list in Redis. */
export interface JournalFeed {
  /** Where it is, for the page and messages: `fanin-runs/x.jsonl`, `redis://host:6379 (fanin:journal)`. */
  readonly source: string;
  /** The journal replayed so far (replaced by a new one when the journal was). */
  readonly storage: JournalStorage;
  /** Records read so far. */
  readonly records: number;
  /** Reads what was appended: whether anything was, and whether the journal was replaced. */
  poll(): Promise<{ readonly changed: boolean; readonly reset: boolean }>;
  /** Whether a sweep holds the journal now (a file's lock; on Redis, a running trial). */
  writing(running: number): boolean;
  /** Calls `trigger` when the journal may have grown; returns the function that stops. */
  watch(trigger: () => void): () => void;
  close(): Promise<void>;
}

/** The error any write through the dashboard's storage fails with: it never writes a journal. */
function readOnlyError(): FaninError {
  return new FaninError(
    'READ_ONLY_JOURNAL',
    'fanin dashboard reads the journal and never writes it',
    'Run fanin sweep to add trials',
  );
}

/** A journal backend for reading: records come from `fetch`, every append is refused. */
class ReadOnlyBackend implements JournalBackend {
  constructor(private readonly fetch: (from: number) => Promise<readonly JournalRecord[]>) {}

  append(): Promise<number> {
    return Promise.reject(readOnlyError());
  }

  read(from: number): Promise<readonly JournalRecord[]> {
    return this.fetch(from);
  }
}

/** A journal file followed by byte offset (see {@link JournalTail}), its lock never taken. */
class FileFeed implements JournalFeed {
  storage: JournalStorage;
  private lines: JournalRecord[] = [];

  constructor(
    private readonly tail: JournalTail,
    readonly source: string,
    first: readonly JournalRecord[],
  ) {
    this.storage = this.replay(first);
  }

  get records(): number {
    return this.lines.length;
  }

  private replay(records: readonly JournalRecord[]): JournalStorage {
    const lines = [...records];
    this.lines = lines;
    return new JournalStorage(new ReadOnlyBackend(async (from) => lines.slice(from)), {
      workerId: 'fanin-dashboard',
    });
  }

  async poll() {
    const { records, reset } = await this.tail.read();
    if (reset) this.storage = this.replay(records);
    else this.lines.push(...records);
    await this.storage.sync();
    return { changed: reset || records.length > 0, reset };
  }

  writing(): boolean {
    let file = this.tail.file;
    try {
      file = realpathSync(file);
    } catch {
      // A journal deleted since: no sweep writes it.
    }
    return existsSync(`${file}.lock`);
  }

  watch(trigger: () => void): () => void {
    return this.tail.watch(trigger);
  }

  async close(): Promise<void> {}
}

/** Opens a journal file to follow; a missing file or one that is not a journal fails in one line. */
export async function fileFeed(file: string, shown: string): Promise<JournalFeed> {
  const { tail, first } = await JournalTail.open(file, shown);
  const feed = new FileFeed(tail, shown, first.records);
  await feed.storage.sync();
  return feed;
}

/** Milliseconds between two looks at the length of a journal in Redis. */
const REDIS_INTERVAL = 500;

/**
 * The journal of a distributed sweep, in Redis (`<prefix>:journal`, @fanin/search-bullmq's
 * format). Each poll asks for the list's length, and reads only the records past those
 * already read (LRANGE from there).
 */
export async function redisFeed(url: string, connectTimeout: number): Promise<JournalFeed> {
  const { redisStorage } = await loadSearchBullmq('fanin dashboard --redis');
  const redis = await redisStorage({ url, connectTimeout, workerId: 'fanin-dashboard' });
  const { client, keys } = redis.backend;
  const source = `${redis.target.display} (${keys.log})`;
  let read = 0;
  const storageFrom = () =>
    new JournalStorage(
      new ReadOnlyBackend(async (from) => {
        const records = await redis.backend.read(from);
        read = from + records.length;
        return records;
      }),
      { workerId: 'fanin-dashboard' },
    );
  const feed: JournalFeed & { storage: JournalStorage } = {
    source,
    storage: storageFrom(),
    get records() {
      return read;
    },
    async poll() {
      const length = await client.llen(keys.log);
      if (length === read) return { changed: false, reset: false };
      const reset = length < read;
      if (reset) {
        read = 0;
        feed.storage = storageFrom();
      }
      await feed.storage.sync();
      return { changed: true, reset };
    },
    writing: (running) => running > 0,
    watch(trigger) {
      const timer = setInterval(trigger, REDIS_INTERVAL);
      timer.unref();
      return () => clearInterval(timer);
    },
    close: () => redis.close(),
  };
  await feed.storage.sync();
  return feed;
}
