import { readFileSync } from 'node:fs';
import { FaninError } from '@fanin/core';
import {
  JournalCorruptError,
  type JournalRecord,
  JournalStorage,
  loadStudy,
  MemoryJournalBackend,
  parsePythonJson,
  type Study,
} from '@fanin/search';
import { ConfigFileError } from '../cli/errors.js';
import { displayPath } from '../io/read-json-file.js';

/** The studies of a journal file, read without taking its lock. */
export interface JournalSnapshot {
  readonly file: string;
  /** The fanin studies in creation order (a sweep's stages in order), with their user attributes. */
  readonly studies: readonly {
    readonly study: Study;
    readonly userAttrs: Readonly<Record<string, unknown>>;
  }[];
  /** Whether a sweep is writing it now (a .lock file is present). */
  readonly locked: boolean;
}

/**
 * The records of whole journal lines (`text` ends with a newline or is empty), numbered from
 * `firstLine` in errors: `runs/x.jsonl:3: not a journal record (no op_code)`. Blank lines are
 * skipped; any other line that is not a journal record is an error, never skipped.
 */
export function parseJournalLines(text: string, shown: string, firstLine: number): JournalRecord[] {
  const records: JournalRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${shown}:${firstLine + index}`;
    try {
      const record = parsePythonJson(line, where);
      if (
        !record ||
        typeof record !== 'object' ||
        typeof (record as JournalRecord).op_code !== 'number'
      )
        throw new JournalCorruptError(where, 'not a journal record (no op_code)');
      records.push(record as JournalRecord);
    } catch (error) {
      if (error instanceof FaninError && !error.message.startsWith(shown))
        error.message = `${where}: ${error.message}`;
      throw error;
    }
  });
  return records;
}

/**
 * Reads a journal file as it is now, without its lock, so a running sweep can be reported on:
 * the complete lines are replayed into a storage in memory; a last line being written (no
 * newline yet) is left out. Studies another tool wrote (no fanin settings) are skipped.
 */
export async function readJournal(
  file: string,
  cwd: string,
  lockExists: boolean,
): Promise<JournalSnapshot> {
  const shown = displayPath(file, cwd);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigFileError(
      shown,
      code === 'ENOENT'
        ? 'no such journal file'
        : code === 'EISDIR'
          ? 'is a directory, not a journal file'
          : `cannot be read (${(error as Error).message})`,
      code === 'ENOENT'
        ? 'Sweeps write their journal to fanin-runs/<name>.jsonl (or --journal)'
        : undefined,
    );
  }
  const end = bytes.lastIndexOf(0x0a) + 1;
  const records = parseJournalLines(bytes.subarray(0, end).toString('utf8'), shown, 1);
  if (records.length === 0)
    throw new ConfigFileError(shown, 'is empty: no sweep has written to it yet');
  const backend = new MemoryJournalBackend();
  await backend.append(records);
  const storage = new JournalStorage(backend);
  const studies: { study: Study; userAttrs: Readonly<Record<string, unknown>> }[] = [];
  for (const record of await storage.listStudies()) {
    try {
      studies.push({
        study: await loadStudy({ storage, name: record.name }),
        userAttrs: record.userAttrs,
      });
    } catch (error) {
      if (error instanceof FaninError && error.code === 'NOT_A_FANIN_STUDY') continue;
      throw error;
    }
  }
  if (studies.length === 0) throw new ConfigFileError(shown, 'holds no fanin study');
  return { file: shown, studies, locked: lockExists };
}
