import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScript, waitFor } from '@fanin/test-support/subprocess';
import { holderAlive, realJournalPath, thisProcess } from './journal-lock.js';
import { FileJournalBackend, JournalLockedError } from './journal-storage.js';

const directory = () => mkdtempSync(join(tmpdir(), 'fanin-lock-'));
const holdScript = new URL('../../test/scripts/hold-journal.ts', import.meta.url);

describe('the journal lock', () => {
  it('resolves symlinks of the file and of its directory, also before the file exists', () => {
    const dir = directory();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    symlinkSync(join(dir, 'real', 'sweep.jsonl'), join(dir, 'link.jsonl'));
    const real = realJournalPath(join(dir, 'real', 'sweep.jsonl'));
    expect(realJournalPath(join(dir, 'alias', 'sweep.jsonl'))).toBe(real);
    expect(realJournalPath(join(dir, 'link.jsonl'))).toBe(real);
    expect(realJournalPath(join(dir, 'alias', '..', 'real', './sweep.jsonl'))).toBe(real);
  });

  it('refuses a second writer in another process that opens the file through a symlink, naming the holder', {
    timeout: 60_000,
  }, async () => {
    const dir = directory();
    const journal = join(dir, 'sweep.jsonl');
    const link = join(dir, 'other-name.jsonl');
    symlinkSync(journal, link);
    const holder = startScript(holdScript, [journal]);
    try {
      let out = '';
      holder.child.stdout!.on('data', (chunk) => {
        out += chunk;
      });
      await waitFor(() => out.startsWith('open'), 'the first writer to open the journal');
      const pid = holder.child.pid!;
      const refused = FileJournalBackend.open(link);
      await expect(refused).rejects.toThrow(JournalLockedError);
      await expect(FileJournalBackend.open(link)).rejects.toThrow(
        new RegExp(`written by process ${pid} on this host \\(started \\d{4}-`),
      );
      const lock = JSON.parse(readFileSync(`${journal}.lock`, 'utf8'));
      expect(lock).toMatchObject({ host: hostname(), pid });
      expect(Date.parse(lock.started)).toBeLessThanOrEqual(Date.now());
      // kill -9: the lock stays behind, and is taken over through either path.
      holder.child.kill('SIGKILL');
      await holder.exit;
      const taken = await FileJournalBackend.open(link);
      expect(JSON.parse(readFileSync(`${journal}.lock`, 'utf8')).pid).toBe(process.pid);
      await taken.close();
      expect(existsSync(`${journal}.lock`)).toBe(false);
    } finally {
      holder.child.kill('SIGKILL');
    }
  });

  it('refuses in-process a second open through another path to the same file', async () => {
    const dir = directory();
    const journal = join(dir, 'sweep.jsonl');
    symlinkSync(journal, join(dir, 'link.jsonl'));
    const first = await FileJournalBackend.open(journal);
    await expect(FileJournalBackend.open(join(dir, 'link.jsonl'))).rejects.toThrow(
      /already open in this process/,
    );
    await first.close();
  });

  it('refuses a holder on another host (it cannot be checked) and says which lock to delete', async () => {
    const dir = directory();
    const journal = join(dir, 'sweep.jsonl');
    const lock = { host: 'gpu-box-7', pid: 4242, started: '2026-01-01T00:00:00.000Z' };
    writeFileSync(`${journal}.lock`, JSON.stringify(lock));
    await expect(FileJournalBackend.open(journal)).rejects.toThrow(
      `process 4242 on host gpu-box-7 (started 2026-01-01T00:00:00.000Z); a journal file has one writer. Wait for that sweep to end; if process 4242 on gpu-box-7 is gone, delete ${journal}.lock`,
    );
    expect(JSON.parse(readFileSync(`${journal}.lock`, 'utf8'))).toEqual(lock);
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process',
    async () => {
      const parent = { host: hostname(), pid: process.ppid, started: '2001-01-01T00:00:00.000Z' };
      expect(holderAlive(parent)).toBe(false);
      expect(holderAlive({ ...parent, started: thisProcess().started, pid: process.pid })).toBe(
        false,
      );
      const dir = directory();
      const journal = join(dir, 'sweep.jsonl');
      writeFileSync(`${journal}.lock`, JSON.stringify(parent));
      const taken = await FileJournalBackend.open(journal);
      await taken.close();
    },
  );
});
