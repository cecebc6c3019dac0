import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, readJsonLines, startScript, waitFor } from '@fanin/test-support/subprocess';

// The sweep script runs 12 trials on 2 worker processes, journaling to a file. Trials 5 and 6
// block until a release file exists, so when trials 0-4 are complete and 5 and 6 have started
// the test kills the sweep process with SIGKILL (no cleanup, no flush, a stale lock), then runs
// the same script again.
describe('kill -9 of the sweep process, then the same command again', () => {
  it('completes every trial number exactly once, re-running only the interrupted ones with the same parameters', {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanin-kill-'));
    const journal = join(dir, 'sweep.jsonl');
    const log = join(dir, 'starts.jsonl');
    const release = join(dir, 'release');
    const env = { SWEEP_LOG: log, SWEEP_RELEASE: release };
    const script = new URL('./scripts/sweep.ts', import.meta.url);

    const first = startScript(script, [journal], env);
    const completeStates = () =>
      readJsonLines(journal).filter((r) => r.op_code === 6 && r.state === 1);
    const starts = () =>
      readJsonLines(log) as {
        number: number;
        attempt: number;
        params: { x: number };
        pid: number;
      }[];
    await waitFor(
      () => completeStates().length === 5 && starts().some((s) => s.number === 6),
      'trials 0-4 complete and 6 started',
      120_000,
    );
    first.child.kill('SIGKILL');
    const killed = await first.exit;
    expect(killed.signal).toBe('SIGKILL');
    // Orphaned workers notice the lost IPC channel and exit.
    const workerPids = [...new Set(starts().map((s) => s.pid))];
    await waitFor(
      () => workerPids.every((pid) => !alive(pid)),
      'the orphaned workers to exit',
      20_000,
    );
    const before = starts();
    expect(before.map((s) => s.number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    writeFileSync(release, '');
    const second = await startScript(script, [journal], env).exit;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      complete: 7,
      pruned: 0,
      failed: 0,
      rerun: 2,
      retried: 0,
      total: 12,
    });

    const records = readJsonLines(journal);
    const creates = records.filter((r) => r.op_code === 4);
    expect(creates).toHaveLength(12);
    const finished = records.filter((r) => r.op_code === 6);
    expect(finished.map((r) => r.trial_id).sort((a, b) => (a as number) - (b as number))).toEqual([
      ...Array(12).keys(),
    ]);
    expect(finished.every((r) => r.state === 1)).toBe(true);

    const after = starts().slice(before.length);
    // Finished trials are never started again; the two interrupted ones are, as attempt 2.
    expect(after.filter((s) => s.number <= 6).map((s) => [s.number, s.attempt])).toEqual(
      expect.arrayContaining([
        [5, 2],
        [6, 2],
      ]),
    );
    expect(after.filter((s) => s.number <= 4)).toEqual([]);
    for (const number of [5, 6]) {
      const runs = starts().filter((s) => s.number === number);
      expect(runs).toHaveLength(2);
      expect(runs[1]!.params).toEqual(runs[0]!.params);
    }
    expect(after.filter((s) => s.number > 6).map((s) => s.attempt)).toEqual([1, 1, 1, 1, 1]);
  });
});
