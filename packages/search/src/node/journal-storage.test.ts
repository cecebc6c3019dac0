import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudy, JournalCorruptError, uniform } from '@fanin/search';
import { describe, expect, it } from 'vitest';
import { mountTinyTmpfs } from '@fanin/test-support/tiny-tmpfs';
import { FileJournalBackend, JournalLockedError, journalStorage } from './journal-storage.js';
import { JournalWriteError } from './journal-write-error.js';

const directory = () => mkdtempSync(join(tmpdir(), 'fanin-journal-'));
const space = { x: uniform(0, 1) };

async function writeSweep(path: string, trials: number) {
  const storage = await journalStorage(path);
  const study = await createStudy({ storage, name: 's', space, seed: 3 });
  await study.optimize(
    async (trial) => {
      await trial.report(0, Number.NaN);
      return trial.params.x;
    },
    { trials },
  );
  const snapshot = await study.trials();
  await storage.close();
  return snapshot;
}

describe('journal file', () => {
  it('reopens to the same trials, NaN reports included, and continues', async () => {
    const path = join(directory(), 'nested', 'sweep.jsonl');
    const before = await writeSweep(path, 3);
    const storage = await journalStorage(path);
    const study = await createStudy({ storage, name: 's', space, seed: 3 });
    expect(await study.trials()).toEqual(before);
    expect(before[0]!.intermediateValues.get(0)).toBeNaN();
    await study.optimize(() => 0, { trials: 5 });
    expect((await study.trials()).map((t) => t.number)).toEqual([0, 1, 2, 3, 4]);
    await storage.close();
    expect(readFileSync(path, 'utf8').endsWith('\n')).toBe(true);
  });

  it('cuts a torn last line on open and keeps everything before it', async () => {
    const path = join(directory(), 'torn.jsonl');
    const before = await writeSweep(path, 2);
    const intact = readFileSync(path, 'utf8');
    const torn = '{"op_code": 4, "worker_id": "x", "study_id": 0, "datetime_st';
    appendFileSync(path, torn);
    const backend = await FileJournalBackend.open(path);
    expect(backend.repairedBytes).toBe(Buffer.byteLength(torn));
    expect(readFileSync(path, 'utf8')).toBe(intact);
    await backend.close();
    const storage = await journalStorage(path);
    const study = await createStudy({ storage, name: 's', space, seed: 3 });
    expect(await study.trials()).toEqual(before);
    await study.optimize(() => 1, { trials: 3 });
    await storage.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.every((line) => line.startsWith('{"op_code"'))).toBe(true);
  });

  it('refuses a corrupt record that is not the last line, naming the line', async () => {
    const path = join(directory(), 'corrupt.jsonl');
    await writeSweep(path, 1);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = '{"op_code": 4, garbage}';
    writeFileSync(path, lines.join('\n'));
    await expect(FileJournalBackend.open(path)).rejects.toThrow(JournalCorruptError);
    await expect(FileJournalBackend.open(path)).rejects.toThrow(/corrupt\.jsonl:3: /);
  });

  it('has one writer: a live process holding the lock is refused, a dead one is taken over', async () => {
    const path = join(directory(), 'locked.jsonl');
    const first = await FileJournalBackend.open(path);
    await expect(FileJournalBackend.open(path)).rejects.toThrow(/already open in this process/);
    await first.close();

    writeFileSync(`${path}.lock`, `${process.ppid}\n`);
    await expect(FileJournalBackend.open(path)).rejects.toThrow(JournalLockedError);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(`${path}.lock`, `${dead.stdout}\n`);
    const taken = await FileJournalBackend.open(path);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).pid).toBe(process.pid);
    await taken.close();
  });

  it('can skip fsync', async () => {
    const path = join(directory(), 'fast.jsonl');
    const storage = await journalStorage(path, { durability: 'none' });
    const study = await createStudy({ storage, name: 's', space });
    await study.optimize(() => 1, { trials: 2 });
    await storage.close();
    expect(readFileSync(path, 'utf8').trim().split('\n').length).toBeGreaterThan(4);
  });
});

const noSpace = () =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
  });

describe('a journal write that fails (disk full, read-only)', () => {
  it('cuts the file back to its last whole line, refuses later writes and says what happened', async () => {
    const path = join(directory(), 'full.jsonl');
    await writeSweep(path, 2);
    const before = readFileSync(path, 'utf8');
    const backend = await FileJournalBackend.open(path);
    const handle = (backend as unknown as { handle: { write: (...args: never[]) => unknown } })
      .handle;
    const realWrite = handle.write.bind(handle) as (buffer: Buffer, offset: number) => unknown;
    // Half the batch reaches the disk, then the disk is full.
    let calls = 0;
    handle.write = (async (buffer: Buffer, offset: number) => {
      calls++;
      if (calls === 1) return realWrite(buffer.subarray(0, (buffer.length / 2) | 0), offset);
      throw noSpace();
    }) as never;
    const record = { op_code: 4, worker_id: 'w', study_id: 0, datetime_start: 'x' } as const;
    const failed = backend.append([record, record]);
    await expect(failed).rejects.toThrow(JournalWriteError);
    await expect(failed).rejects.toThrow(
      `cannot write journal "${path}": no space left on the device (ENOSPC). The journal keeps every record written before; free space, then run the same command again to resume`,
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    await expect(backend.append([record])).rejects.toThrow(/no space left on the device/);
    await backend.close();
    const reopened = await FileJournalBackend.open(path);
    expect(reopened.repairedBytes).toBe(0);
    await reopened.close();
  });

  it('on a real full disk (a tiny tmpfs): the sweep fails with ENOSPC and the file keeps only whole lines', async (context) => {
    const disk = mountTinyTmpfs(32);
    if ('refused' in disk) return context.skip(disk.refused);
    try {
      // Three 4 KiB pages free: one for the lock file, two for the journal.
      disk.fill(3 * 4096);
      const path = join(disk.path, 'sweep.jsonl');
      const storage = await journalStorage(path);
      const study = await createStudy({ storage, name: 's', space, seed: 3 });
      const run = study.optimize(
        async (trial) => {
          for (let step = 0; step < 20; step++) await trial.report(step, step);
          return trial.params.x;
        },
        { trials: 50 },
      );
      await expect(run).rejects.toThrow(/no space left on the device \(ENOSPC\)/);
      await storage.close();
      const text = readFileSync(path, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      expect(text.endsWith('\n')).toBe(true);
      const reopened = await FileJournalBackend.open(path);
      expect(reopened.repairedBytes).toBe(0);
      await reopened.close();
    } finally {
      disk.unmount();
    }
  });
});
