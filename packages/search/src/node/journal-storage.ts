import { existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FaninError } from '@fanin/core';
import {
  type JournalBackend,
  JournalCorruptError,
  type JournalRecord,
  JournalStorage,
  type JournalStorageOptions,
  parsePythonJson,
  stringifyPythonJson,
} from '@fanin/search';
import { acquireJournalLock, type JournalLock, realJournalPath } from './journal-lock.js';

import { FILE_SYSTEM_REASONS, JournalWriteError } from './journal-write-error.js';

export { JournalLockedError } from './journal-lock.js';

/** Options of {@link journalStorage}. */
export interface JournalFileOptions extends JournalStorageOptions {
  /**
   * "fsync" (default): an append resolves once its records are on disk (fsync); records
   * appended in the same tick share one write and one fsync. "none": resolved once handed
   * to the OS, which survives a crash of the process but not of the machine.
   */
  readonly durability?: 'fsync' | 'none';
}

const openInThisProcess = new Set<string>();

/** A Node file-system error (disk full, read-only, permission) as a JournalWriteError; others unchanged. */
function fileSystemFailure(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && code in FILE_SYSTEM_REASONS
    ? new JournalWriteError(path, error, 'open')
    : error;
}

interface Pending {
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A journal in an append-only JSONL file (Optuna's `JournalFileBackend` format, readable by
 * `optuna-dashboard <file>`). One writer: opening takes `<real file>.lock`, keyed on the file with
 * every symlink resolved so that two paths to one file share it, holding the host, pid and
 * start time of the writer (a lock left by a dead process, after `kill -9`, is taken over). Crash-safe: each line is
 * written whole with O_APPEND and fsynced before the append resolves; a torn last line
 * (the process died mid-write) is cut off when the file is opened, as the operation it held
 * never completed. Any other unreadable line is an error, never skipped.
 */
export class FileJournalBackend implements JournalBackend {
  /** Bytes cut off a torn last line when the file was opened (0 if none). */
  readonly repairedBytes: number;
  private readonly records: JournalRecord[];
  private pending: Pending[] = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Bytes on disk that are whole lines: where a failed write is cut back to. */
  private size: number;
  /** Set when a write failed: the journal refuses further writes. */
  private failure: JournalWriteError | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly lock: JournalLock,
    records: JournalRecord[],
    repairedBytes: number,
    private readonly durability: 'fsync' | 'none',
    size: number,
  ) {
    this.size = size;
    this.records = records;
    this.repairedBytes = repairedBytes;
  }

  /** Opens (creating it and its directory if needed) and replays a journal file. */
  static async open(
    path: string,
    options: { durability?: 'fsync' | 'none' } = {},
  ): Promise<FileJournalBackend> {
    try {
      mkdirSync(dirname(resolve(path)), { recursive: true });
    } catch (error) {
      throw fileSystemFailure(resolve(path), error);
    }
    const file = realJournalPath(path);
    if (openInThisProcess.has(file)) {
      throw new FaninError(
        'JOURNAL_LOCKED',
        `journal "${file}" is already open in this process`,
        'Share one storage object between studies',
      );
    }
    let lock: JournalLock;
    try {
      lock = acquireJournalLock(file);
    } catch (error) {
      throw fileSystemFailure(file, error);
    }
    try {
      let repaired = 0;
      let size = 0;
      const records: JournalRecord[] = [];
      if (existsSync(file)) {
        const bytes = readFileSync(file);
        const end = bytes.lastIndexOf(0x0a) + 1;
        size = end;
        if (end < bytes.length) {
          repaired = bytes.length - end;
          truncateSync(file, end);
        }
        const lines = bytes.subarray(0, end).toString('utf8').split('\n');
        lines.pop();
        lines.forEach((line, index) => {
          if (line.trim() === '') return;
          const record = parsePythonJson(line, `${file}:${index + 1}`);
          if (
            !record ||
            typeof record !== 'object' ||
            typeof (record as JournalRecord).op_code !== 'number'
          ) {
            throw new JournalCorruptError(
              `${file}:${index + 1}`,
              'not a journal record (no op_code)',
            );
          }
          records.push(record as JournalRecord);
        });
      }
      const handle = await open(file, 'a');
      openInThisProcess.add(file);
      return new FileJournalBackend(
        file,
        handle,
        lock,
        records,
        repaired,
        options.durability ?? 'fsync',
        size,
      );
    } catch (error) {
      lock.release();
      throw fileSystemFailure(file, error);
    }
  }

  append(records: readonly JournalRecord[]): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed)
      return Promise.reject(new FaninError('STORAGE_CLOSED', `journal "${this.path}" is closed`));
    const index = this.records.length;
    let text = '';
    for (const record of records) {
      const line = stringifyPythonJson(record);
      text += `${line}\n`;
      this.records.push(parsePythonJson(line) as JournalRecord);
    }
    return new Promise<number>((resolvePromise, reject) => {
      this.pending.push({ text, resolve: () => resolvePromise(index), reject });
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.writing = this.writing.then(async () => {
      if (this.failure) {
        for (const item of batch) item.reject(this.failure);
        return;
      }
      try {
        const buffer = Buffer.from(batch.map((item) => item.text).join(''), 'utf8');
        let offset = 0;
        while (offset < buffer.length)
          offset += (await this.handle.write(buffer, offset)).bytesWritten;
        if (this.durability === 'fsync') await this.handle.sync();
        this.size += buffer.length;
        for (const item of batch) item.resolve();
      } catch (error) {
        this.failure = new JournalWriteError(this.path, error);
        // Cut off whatever part of the batch reached the file: it ends with a whole line.
        await this.handle.truncate(this.size).catch(() => {});
        for (const item of batch) item.reject(this.failure);
      }
    });
  }

  async read(from: number): Promise<readonly JournalRecord[]> {
    return this.records.slice(from);
  }

  /** Why writes are refused: the write that failed (disk full, read-only ...), if one did. */
  get writeFailure(): JournalWriteError | undefined {
    return this.failure;
  }

  /** Waits for pending writes, closes the file and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.writing;
    await this.handle.close();
    openInThisProcess.delete(this.path);
    this.lock.release();
  }
}

/**
 * The embedded default storage: a {@link JournalStorage} on a JSONL journal file. Running
 * the same sweep script again resumes from the file: finished trials stay finished, trials
 * a killed run left unfinished are re-run with the same numbers and parameters.
 *
 * ```ts
 * const storage = await journalStorage('runs/mlp.jsonl');
 * ```
 */
export async function journalStorage(
  path: string,
  options: JournalFileOptions = {},
): Promise<JournalStorage> {
  const backend = await FileJournalBackend.open(
    path,
    options.durability ? { durability: options.durability } : {},
  );
  return new JournalStorage(backend, options.workerId ? { workerId: options.workerId } : {});
}
