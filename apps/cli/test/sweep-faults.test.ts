// Fault tests of fanin sweep: a second writer through a symlink, a SIGKILLed worker process.
// Each checks the journal afterwards: every trial number once, none stuck running, none lost.
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, spiralModel, start, temporaryDirectory, writeFile } from './fanin.js';

beforeAll(requireBuild);

function waitFor(condition: () => boolean, what: string, timeout = 120_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (condition()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeout) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 20);
  });
}

/** The journal's trials as Optuna's replay sees them: number of trials and their last states. */
function journalTrials(path: string): { states: number[]; created: number } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const records = lines.map((line) => JSON.parse(line.replace(/\bNaN\b/g, 'null')));
  const created = records.filter((record) => record.op_code === 4).length;
  const states = Array.from({ length: created }, () => 0);
  for (const record of records)
    if (record.op_code === 6 && states[record.trial_id] === 0)
      states[record.trial_id] = record.state;
  return { states, created };
}

function sweepDirectory(trials: number, workers: number) {
  const directory = temporaryDirectory();
  writeFile(directory, 'sweep.json', {
    name: 'faults',
    model: spiralModel({ epochs: 2 }),
    space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
    stages: [{ trials }],
    workers,
  });
  return directory;
}

describe('fanin sweep under faults: 0 trials lost or mixed', () => {
  it('refuses a second sweep on the same journal through a symlink, naming the first; the first finishes whole', async () => {
    const directory = sweepDirectory(24, 1);
    const journal = join(directory, 'sweep.jsonl');
    symlinkSync(journal, join(directory, 'alias.jsonl'));
    const first = start(
      ['sweep', '--config', 'sweep.json', '--journal', 'sweep.jsonl', '--backend', 'cpu'],
      directory,
    );
    await waitFor(() => /^sweep: 2\/24 trials/m.test(first.stderr()), 'two finished trials');
    first.child.kill('SIGSTOP');
    const second = await fanin(
      ['sweep', '--config', 'sweep.json', '--journal', 'alias.jsonl', '--backend', 'cpu'],
      directory,
    );
    first.child.kill('SIGCONT');
    expect(second.code, second.stderr).toBe(2);
    const lines = second.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('fanin:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^fanin: journal ".*sweep\\.jsonl" is being written by process ${first.child.pid} on this host \\(started \\d{4}-`,
      ),
    );
    const done = await first.done;
    expect(done.code, done.stderr).toBe(0);
    const { states, created } = journalTrials(journal);
    expect(created).toBe(24);
    expect(states.filter((state) => state === 0)).toEqual([]);
  });

  it('re-runs the trial of a SIGKILLed worker process by default and completes every trial once', async () => {
    // A worker is idle for a moment between trials; a kill that lands there hits no trial.
    // The scenario is run until a kill hits one (at most 4 times); every run must lose nothing.
    let hit = false;
    for (let run = 0; run < 4 && !hit; run++) {
      const directory = sweepDirectory(12, 2);
      const journal = join(directory, 'sweep.jsonl');
      const sweep = start(
        ['sweep', '--config', 'sweep.json', '--journal', 'sweep.jsonl', '--backend', 'cpu'],
        directory,
      );
      await waitFor(() => /^sweep: 1\/12 trials/m.test(sweep.stderr()), 'a finished trial');
      const children = spawnSync('pgrep', ['-P', String(sweep.child.pid)], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
      expect(children.length).toBeGreaterThanOrEqual(1);
      process.kill(children[0]!, 'SIGKILL');
      const done = await sweep.done;
      expect(done.code, done.stderr).toBe(0);
      const text = readFileSync(journal, 'utf8');
      // A kill that hit a trial shows as a crash, and the trial ran again as attempt 2.
      hit = /"fanin:crashes": 1/.test(text);
      if (hit) expect(text).toMatch(/"fanin:attempt": 2/);
      const { states, created } = journalTrials(journal);
      expect(created).toBe(12);
      // Every trial complete (1) or pruned (2): none failed for the crash, none stuck running.
      expect(states.every((state) => state === 1 || state === 2)).toBe(true);
      const report = JSON.parse(
        (await fanin(['report', 'sweep.jsonl', '--json', '--no-plots'], directory)).stdout,
      );
      expect(report.stages[0].counts).toMatchObject({ total: 12, failed: 0, running: 0 });
    }
    expect(hit, 'no kill hit a running trial in 4 runs').toBe(true);
  });
});
