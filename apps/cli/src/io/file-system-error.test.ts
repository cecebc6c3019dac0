import { FaninError } from '@fanin/core';
import { JournalWriteError } from '@fanin/search/node';
import { describe, expect, it } from 'vitest';
import { EXIT, errorLine, exitCodeOf } from '../cli/errors.js';
import { FileSystemError, fileSystemErrorOf } from './file-system-error.js';

/** A Node file-system error as fs throws it. */
function systemError(code: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: something, write${path ? ` '${path}'` : ''}`), {
    code,
    errno: -1,
    syscall: 'write',
    ...(path ? { path } : {}),
  });
}

describe('file-system errors', () => {
  it('are one true line and exit 1, never "a bug in fanin"', () => {
    const full = systemError('ENOSPC', '/data/fanin-report/report.html');
    expect(errorLine(full)).toBe(
      'fanin: cannot write /data/fanin-report/report.html: no space left on the device (ENOSPC). Free some space there, or write elsewhere, then run it again',
    );
    expect(exitCodeOf(full)).toBe(EXIT.failed);
    expect(errorLine(systemError('EROFS', '/ro/runs'))).toBe(
      'fanin: cannot write /ro/runs: the file system is read-only (EROFS). Make that path writable, or write elsewhere, then run it again',
    );
    expect(errorLine(systemError('EACCES'))).toMatch(
      /^fanin: cannot write: permission denied \(EACCES\)\./,
    );
    for (const code of ['ENOSPC', 'EROFS', 'EACCES', 'EDQUOT', 'EIO'])
      expect(errorLine(systemError(code))).not.toMatch(/bug/);
  });

  it('keep the words of an error that already names its file (the journal), with exit 1', () => {
    const journal = new JournalWriteError('/runs/s.jsonl', systemError('ENOSPC'));
    expect(fileSystemErrorOf(journal)).toBe(journal);
    expect(errorLine(journal)).toMatch(
      /^fanin: cannot write journal "\/runs\/s\.jsonl": no space left on the device \(ENOSPC\)\. The journal keeps every record written before/,
    );
    expect(exitCodeOf(journal)).toBe(EXIT.failed);
    expect(exitCodeOf(new FileSystemError('x', 'EROFS'))).toBe(EXIT.failed);
  });

  it('leave other errors alone: bad input stays exit 2, a real bug stays a bug', () => {
    expect(fileSystemErrorOf(new FaninError('USAGE', 'bad'))).toBeUndefined();
    expect(exitCodeOf(new FaninError('USAGE', 'bad'))).toBe(EXIT.usage);
    expect(errorLine(systemError('ENOENT'))).toMatch(/this is a bug in fanin/);
    expect(errorLine(new TypeError('x is undefined'))).toMatch(/this is a bug in fanin/);
  });
});
