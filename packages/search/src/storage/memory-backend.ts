import type { JournalBackend, JournalRecord } from './journal.js';
import { JournalStorage } from './journal-storage.js';
import { parsePythonJson, stringifyPythonJson } from './python-json.js';

/**
 * A journal kept in memory. Records go through the same serialization as the journal file
 * (so a value that could not be stored fails here too), and `lines()` gives the file's text.
 */
export class MemoryJournalBackend implements JournalBackend {
  private readonly records: JournalRecord[] = [];
  private readonly text: string[] = [];

  async append(records: readonly JournalRecord[]): Promise<number> {
    const index = this.records.length;
    for (const record of records) {
      const line = stringifyPythonJson(record);
      this.text.push(line);
      this.records.push(parsePythonJson(line) as JournalRecord);
    }
    return index;
  }

  async read(from: number): Promise<readonly JournalRecord[]> {
    return this.records.slice(from);
  }

  /** The journal as JSONL lines (what the file backend would have written). */
  lines(): readonly string[] {
    return this.text;
  }
}

/** A storage in memory: nothing survives the process. The default of `createStudy`. */
export function inMemoryStorage(): JournalStorage {
  return new JournalStorage(new MemoryJournalBackend());
}
