import { appendFileSync, mkdtempSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalTail } from './journal-tail.js';

const line = (op: number, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ op_code: op, worker_id: 'w', ...extra })}\n`;

function journal(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fanin-tail-')), 'sweep.jsonl');
  writeFileSync(file, text);
  return file;
}

describe('JournalTail', () => {
  it('keeps a half-written last line until its newline arrives, then reads it once', async () => {
    const first = line(0, { study_name: 's', directions: [1] });
    const second = line(4, { study_id: 0 });
    const file = journal(first);
    const { tail, first: start } = await JournalTail.open(file, 'sweep.jsonl');
    expect(start.records.map((record) => record.op_code)).toEqual([0]);

    appendFileSync(file, second.slice(0, 17));
    expect((await tail.read()).records).toEqual([]);
    expect((await tail.read()).records).toEqual([]);
    appendFileSync(file, second.slice(17));
    const finished = await tail.read();
    expect(finished.records).toEqual([JSON.parse(second)]);
    expect(finished.reset).toBe(false);
    expect((await tail.read()).records).toEqual([]);
  });

  it('never joins a torn line that was cut off to the line written in its place', async () => {
    const first = line(0, { study_name: 's', directions: [1] });
    const file = journal(first);
    const { tail } = await JournalTail.open(file, 'sweep.jsonl');
    // A sweep dies mid-line; the resumed one cuts the torn bytes and writes whole lines.
    appendFileSync(file, line(4, { study_id: 0, torn: 'x'.repeat(40) }).slice(0, 30));
    expect((await tail.read()).records).toEqual([]);
    truncateSync(file, Buffer.byteLength(first));
    const replacement = line(4, { study_id: 0, attempt: 2 });
    appendFileSync(file, replacement);
    const read = await tail.read();
    expect(read.records).toEqual([JSON.parse(replacement)]);
    expect(read.reset).toBe(false);
  });

  it('starts over when the file is replaced or cut shorter than what was read', async () => {
    const file = journal(line(0, { study_name: 'a', directions: [1] }) + line(4, { study_id: 0 }));
    const { tail } = await JournalTail.open(file, 'sweep.jsonl');
    const other = `${file}.new`;
    writeFileSync(other, line(0, { study_name: 'b', directions: [2] }));
    renameSync(other, file);
    const replaced = await tail.read();
    expect(replaced.reset).toBe(true);
    expect(replaced.records.map((record) => record.study_name)).toEqual(['b']);
    truncateSync(file, 0);
    expect(await tail.read()).toEqual({ records: [], reset: true });
  });

  it('names the line of a record that is not one', async () => {
    const file = journal(line(0, { study_name: 's', directions: [1] }));
    const { tail } = await JournalTail.open(file, 'runs/sweep.jsonl');
    appendFileSync(file, '{"no": "op code"}\n');
    await expect(tail.read()).rejects.toThrow(
      /runs\/sweep\.jsonl:2: not a journal record \(no op_code\)/,
    );
  });

  it('refuses a missing file, a folder, text and JSON that is not a journal, in one line each', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fanin-tail-'));
    await expect(JournalTail.open(join(folder, 'none.jsonl'), 'none.jsonl')).rejects.toThrow(
      /^none\.jsonl: no such journal file\. Sweeps write/,
    );
    await expect(JournalTail.open(folder, 'runs')).rejects.toThrow(
      /^runs: is a directory, not a journal file/,
    );
    await expect(JournalTail.open(journal('hello world\n'), 'notes.txt')).rejects.toThrow(
      /^notes\.txt: is not a journal file \(line 1: .+\)\. Give the \.jsonl file/,
    );
    await expect(
      JournalTail.open(journal('{"name": "package", "version": "1.0.0"}'), 'package.json'),
    ).rejects.toThrow(/^package\.json: is not a journal file/);
    // An empty journal, or one whose first line is being written, is a sweep starting: followed.
    expect((await JournalTail.open(journal(''), 'new.jsonl')).first.records).toEqual([]);
    expect(
      (await JournalTail.open(journal('{"op_code": 0, "worker'), 'new.jsonl')).first.records,
    ).toEqual([]);
  });
});
