import { FaninError } from '@fanin/core';

/** What a file-system error code means, for messages (`no space left on the device`). */
export const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'an input/output error on the device',
  EFBIG: 'the file is too large for the file system',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on this machine',
};

/**
 * The journal file could not be written (disk full, read-only, permission, I/O error). The
 * records of the failed write were cut off again, so the file ends with its last whole line,
 * and the journal refuses further writes: running the same sweep again (once there is room)
 * resumes from what is on disk. `cause` is the Node error; `errno` its code (ENOSPC ...).
 */
export class JournalWriteError extends FaninError {
  readonly errno: string;

  constructor(path: string, cause: unknown, when: 'open' | 'write' = 'write') {
    const errno = String((cause as NodeJS.ErrnoException)?.code ?? 'EIO');
    const full = errno === 'ENOSPC' || errno === 'EDQUOT';
    const fix = full ? 'free space' : 'make it writable (or write the journal elsewhere)';
    super(
      'JOURNAL_WRITE',
      `cannot ${when} journal "${path}": ${FILE_SYSTEM_REASONS[errno] ?? (cause as Error)?.message ?? String(cause)} (${errno})`,
      when === 'open'
        ? `Nothing was written; ${fix}, then run it again`
        : `The journal keeps every record written before; ${fix}, then run the same command again to resume`,
    );
    this.errno = errno;
    this.cause = cause;
  }
}
