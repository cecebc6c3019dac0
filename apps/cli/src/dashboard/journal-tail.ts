import { type FSWatcher, watch } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { FaninError } from '@fanin/core';
import type { JournalRecord } from '@fanin/search';
import { ConfigFileError } from '../cli/errors.js';
import { parseJournalLines } from '../sweep/read-journal.js';

/** What one read of a journal file found. */
export interface TailRead {
  /** The records of the whole lines appended since the last read. */
  readonly records: readonly JournalRecord[];
  /**
   * The file was replaced or cut shorter than what was read: `records` are the whole
   * journal again, from its first line, and what was read before no longer holds.
   */
  readonly reset: boolean;
}

const NOT_A_JOURNAL_HINT = 'Give the .jsonl file a sweep writes (fanin-runs/<name>.jsonl)';

/** The first bytes of every journal line, Optuna's and fanin's: `{"op_code": 0, ...`. */
const JOURNAL_START = /^\s*\{\s*"op_code"\s*:/;

/**
 * Follows a journal file by byte offset, read-only (it is opened with "r" for each read,
 * never for writing, and its lock is not taken). Each read takes the bytes from the end of
 * the last whole line read so far to the end of the file, keeps the whole lines and leaves a
 * last line without its newline for a later read: a line being written is never parsed, so a
 * trial is never seen half-written. The unfinished bytes are read again each time rather
 * than kept, so a torn line that a resumed sweep cut off (and wrote over) is never joined to
 * what replaced it.
 */
export class JournalTail {
  /** Bytes of whole lines read. */
  private offset = 0;
  /** The number of the next line (for error messages). */
  private line = 1;
  private inode: number | undefined;
  private reading: Promise<TailRead> | undefined;

  private constructor(
    readonly file: string,
    readonly shown: string,
  ) {}

  /**
   * Opens a journal to follow, failing with one line if it is missing, not a file, or not a
   * journal: its whole lines must be journal records, and a first line still being written
   * must start as one.
   */
  static async open(file: string, shown: string): Promise<{ tail: JournalTail; first: TailRead }> {
    try {
      const stats = await stat(file);
      if (!stats.isFile())
        throw new ConfigFileError(
          shown,
          stats.isDirectory() ? 'is a directory, not a journal file' : 'is not a regular file',
          NOT_A_JOURNAL_HINT,
        );
    } catch (error) {
      if (error instanceof ConfigFileError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigFileError(
        shown,
        code === 'ENOENT' ? 'no such journal file' : `cannot be read (${(error as Error).message})`,
        code === 'ENOENT'
          ? 'Sweeps write their journal to fanin-runs/<name>.jsonl (or --journal); start the sweep first'
          : undefined,
      );
    }
    const tail = new JournalTail(file, shown);
    let first: TailRead;
    try {
      first = await tail.read();
    } catch (error) {
      // A first line that is no record: another kind of file (a later bad line is corruption).
      if (error instanceof FaninError && error.message.startsWith(`${shown}:1: `))
        throw new ConfigFileError(
          shown,
          `is not a journal file (line 1: ${error.message.slice(shown.length + 4).split('. ')[0]})`,
          NOT_A_JOURNAL_HINT,
        );
      throw error;
    }
    if (first.records.length === 0) {
      const start = await tail.unfinishedStart();
      if (start !== '' && !JOURNAL_START.test(start))
        throw new ConfigFileError(
          shown,
          'is not a journal file: its first line is not a journal record',
          NOT_A_JOURNAL_HINT,
        );
    }
    return { tail, first };
  }

  /** Reads what was appended since the last read (reads are serialized). */
  read(): Promise<TailRead> {
    const previous = this.reading ?? Promise.resolve(undefined);
    const next = previous.then(
      () => this.readNow(),
      () => this.readNow(),
    );
    this.reading = next;
    return next;
  }

  private async readNow(): Promise<TailRead> {
    const stats = await stat(this.file);
    let reset = false;
    if ((this.inode !== undefined && stats.ino !== this.inode) || stats.size < this.offset) {
      this.offset = 0;
      this.line = 1;
      reset = true;
    }
    this.inode = stats.ino;
    if (stats.size === this.offset) return { records: [], reset };
    const bytes = await this.bytesFrom(this.offset, stats.size);
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) return { records: [], reset };
    const text = bytes.subarray(0, end).toString('utf8');
    const records = parseJournalLines(text, this.shown, this.line);
    this.offset += end;
    for (let index = 0; index < end; index++) if (bytes[index] === 0x0a) this.line++;
    return { records, reset };
  }

  /** The start of a last line still being written (empty when there is none). */
  private async unfinishedStart(): Promise<string> {
    const stats = await stat(this.file);
    if (stats.size <= this.offset) return '';
    const bytes = await this.bytesFrom(this.offset, Math.min(stats.size, this.offset + 64));
    return bytes.toString('utf8');
  }

  private async bytesFrom(start: number, end: number): Promise<Buffer> {
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(
          buffer,
          filled,
          buffer.length - filled,
          start + filled,
        );
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  /**
   * Calls `onChange` when the file may have changed: on every change the OS reports in its
   * directory for it (appends, a rename or a new file of that name), and every `interval` ms
   * in case a file system reports none (a network mount). Returns the function that stops.
   */
  watch(onChange: () => void, interval = 1000): () => void {
    const name = basename(this.file);
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(dirname(this.file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name || changed === `${name}.lock`) onChange();
      });
      watcher.on('error', () => undefined);
    } catch {
      watcher = undefined;
    }
    const timer = setInterval(onChange, interval);
    timer.unref();
    return () => {
      clearInterval(timer);
      watcher?.close();
    };
  }
}
