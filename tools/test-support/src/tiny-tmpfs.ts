import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A mounted tmpfs of a few kilobytes, or why none could be mounted. */
export type TinyTmpfs =
  | {
      readonly path: string;
      fill(leaveBytes: number): void;
      readOnly(): void;
      unmount(): void;
    }
  | { readonly refused: string };

/**
 * Mounts a tmpfs of `kilobytes` (needs root, or a CI machine that allows mount): a disk that
 * fills up for real, so ENOSPC comes from the kernel. `fill(leave)` writes a filler file
 * leaving about `leave` bytes free. When mount is refused, says why, for the test's skip.
 */
export function mountTinyTmpfs(kilobytes: number): TinyTmpfs {
  const path = mkdtempSync(join(tmpdir(), 'fanin-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', path], {
    encoding: 'utf8',
  });
  if (mounted.error || mounted.status !== 0) {
    rmSync(path, { recursive: true, force: true });
    return {
      refused: `mount -t tmpfs was refused (${(mounted.error?.message ?? mounted.stderr).trim() || `exit ${mounted.status}`}): this machine does not let the test mount a small disk to fill`,
    };
  }
  return {
    path,
    fill(leaveBytes) {
      const total = kilobytes * 1024;
      writeFileSync(join(path, 'filler'), Buffer.alloc(Math.max(0, total - leaveBytes)));
    },
    readOnly() {
      spawnSync('mount', ['-o', 'remount,ro', path]);
    },
    unmount() {
      spawnSync('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
