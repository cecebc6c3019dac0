import {
  closeSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { FaninError } from '@fanin/core';

/** Who holds a journal's lock: written as JSON into `<real journal path>.lock`. */
export interface LockHolder {
  readonly host: string;
  readonly pid: number;
  /** When the holding process started (ISO 8601), to tell a reused pid from the holder. */
  readonly started: string;
}

/** Another live process holds the journal's lock. */
export class JournalLockedError extends FaninError {
  readonly holder: LockHolder;

  constructor(journal: string, lockPath: string, holder: LockHolder) {
    const here = holder.host === hostname();
    super(
      'JOURNAL_LOCKED',
      `journal "${journal}" is being written by process ${holder.pid} on ${here ? 'this host' : `host ${holder.host}`} (started ${holder.started}); a journal file has one writer`,
      here
        ? 'Wait for that sweep to end, or run trials through its workers (processPool); every path to the file (symlinks included) shares this lock'
        : `Wait for that sweep to end; if process ${holder.pid} on ${holder.host} is gone, delete ${lockPath}`,
    );
    this.holder = holder;
  }
}

/**
 * The path a journal's lock is keyed on: the real file, with every symlink (of the file and
 * of its directories) resolved, also when the file does not exist yet or is a dangling
 * symlink (opening it for append creates the target). The directory must exist.
 */
export function realJournalPath(path: string, depth = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let link: string | undefined;
  try {
    if (lstatSync(absolute).isSymbolicLink()) link = readlinkSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (link !== undefined) {
    if (depth >= 32)
      throw new FaninError('JOURNAL_PATH', `journal "${path}": too many levels of symbolic links`);
    return realJournalPath(resolve(dirname(absolute), link), depth + 1);
  }
  return join(realpathSync(dirname(absolute)), basename(absolute));
}

let startedCache: string | undefined;

/** When process `pid` started, from /proc (Linux); undefined where that cannot be read. */
function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, clock ticks after boot) counts from after the ")" closing comm.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!boot || !Number.isFinite(ticks)) return undefined;
    return new Date(Number(boot[1]) * 1000 + ticks * 10).toISOString();
  } catch {
    return undefined;
  }
}

/** This process as a lock holder. */
export function thisProcess(): LockHolder {
  startedCache ??=
    procStartTime(process.pid) ?? new Date(Date.now() - process.uptime() * 1000).toISOString();
  return { host: hostname(), pid: process.pid, started: startedCache };
}

/** Reads a lock file: the JSON holder, or the bare pid older fanin versions wrote. */
function readHolder(lockPath: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { host: value.host, pid: value.pid, started: String(value.started ?? 'unknown') };
  } catch {
    // Not JSON: an older lock holding only a pid.
  }
  const pid = Number.parseInt(text, 10);
  return { host: hostname(), pid: Number.isInteger(pid) ? pid : -1, started: 'unknown' };
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the holder may still be writing. A holder on another host cannot be checked, so it
 * counts as alive. On this host it is alive if its pid runs and (where /proc tells) that
 * process started when the holder did: a pid reused by another program is not the holder.
 */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  if (!processAlive(holder.pid)) return false;
  const started = procStartTime(holder.pid);
  if (started === undefined || holder.started === 'unknown') return true;
  return Math.abs(Date.parse(started) - Date.parse(holder.started)) < 2000;
}

/** A held journal lock. */
export interface JournalLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes `<journal>.lock` (the journal path already real, see {@link realJournalPath}). The
 * lock file appears whole or not at all: it is written under a unique name, then hard-linked
 * to the lock path, which fails if a lock exists. A lock whose holder is gone (a `kill -9`,
 * a reboot) is taken over; one whose holder may be alive is refused with
 * {@link JournalLockedError}, naming host, pid and start time.
 */
export function acquireJournalLock(journal: string): JournalLock {
  const lockPath = `${journal}.lock`;
  const me = thisProcess();
  const draft = `${lockPath}.${me.pid}.${Date.now()}.tmp`;
  try {
    const fd = openSync(draft, 'wx');
    try {
      writeSync(fd, `${JSON.stringify({ ...me, journal })}\n`);
    } finally {
      closeSync(fd);
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, lockPath);
        return { path: lockPath, release: () => releaseLock(lockPath, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockPath);
      if (holder === undefined) continue;
      if (holderAlive(holder)) throw new JournalLockedError(journal, lockPath, holder);
      // Stale: move it aside atomically, and put it back if another process got there first.
      const aside = `${lockPath}.${me.pid}.stale`;
      try {
        renameSync(lockPath, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = readHolder(aside);
      if (moved && (moved.pid !== holder.pid || moved.started !== holder.started)) {
        try {
          linkSync(aside, lockPath);
        } catch {
          // The lock path is taken again: the next attempt reads its holder.
        }
      }
      unlinkSync(aside);
    }
    throw new FaninError(
      'JOURNAL_LOCKED',
      `could not lock journal "${journal}": ${lockPath} keeps changing hands`,
      'Another process is opening the same journal; run one sweep per journal',
    );
  } finally {
    rmSync(draft, { force: true });
  }
}

function releaseLock(lockPath: string, me: LockHolder): void {
  const holder = readHolder(lockPath);
  if (!holder || holder.pid !== me.pid || holder.host !== me.host) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}
