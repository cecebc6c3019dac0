import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

describe('Ctrl-C during a sweep', () => {
  it('stops with exit code 130 and leaves a journal that resumes to the full sweep', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'model.json', spiralModel({ epochs: 2 }));
    writeFile(directory, 'sweep.json', {
      name: 'interrupted',
      model: 'model.json',
      space: { learningRate: { type: 'pow10', low: -3, high: -1 } },
      stages: [{ trials: 24 }],
    });
    const first = start(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    await waitFor(() => /^sweep: 3\/24 trials/m.test(first.stderr()), 'three finished trials');
    // A running sweep can be reported on: the journal is read without its lock. The sweep is
    // paused meanwhile, so that it cannot finish (its trials take milliseconds) before the
    // report has looked.
    first.child.kill('SIGSTOP');
    const running = await fanin(
      ['report', 'fanin-runs/interrupted.jsonl', '--json', '--no-plots'],
      directory,
    );
    first.child.kill('SIGCONT');
    expect(running.code, running.stderr).toBe(0);
    expect(JSON.parse(running.stdout).running).toBe(true);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('run the same command again to resume');
    expect(stopped.stderr.trimEnd().split('\n').at(-1)).toBe('fanin: interrupted');
    const journal = join(directory, 'fanin-runs', 'interrupted.jsonl');
    expect(existsSync(`${journal}.lock`)).toBe(false);

    const partial = JSON.parse(
      (await fanin(['report', journal, '--json', '--no-plots'], directory)).stdout,
    );
    const done = partial.stages[0].counts.complete as number;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(24);

    const resumed = await fanin(
      ['sweep', '--config', 'sweep.json', '--backend', 'cpu', '--json', '--quiet'],
      directory,
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout).summaries[0];
    // Finished trials are kept; only the rest (and any left unfinished) run now.
    expect(summary.complete).toBe(24 - done);
    expect(summary.total).toBe(24);
    const final = JSON.parse(
      (await fanin(['report', journal, '--json', '--no-plots'], directory)).stdout,
    );
    expect(final.stages[0].counts).toMatchObject({ total: 24, complete: 24, running: 0 });
  });
});

describe('Ctrl-C during fanin experiments', () => {
  it('writes the report of the experiments that finished and exits 130', async () => {
    const directory = temporaryDirectory();
    const run = start(
      ['experiments', '--only', 'symmetry,compare-bn', '--backend', 'cpu'],
      directory,
    );
    await waitFor(
      () => run.stderr().includes('[2/2] Batch normalization'),
      'the second experiment',
    );
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr.trimEnd().split('\n').at(-1)).toBe('fanin: interrupted');
    const html = readFileSync(join(directory, 'fanin-report', 'report.html'), 'utf8');
    expect(html).toContain('<section id="symmetry">');
    expect(html).not.toContain('<section id="compare-bn">');
    expect(html).toContain('<title>fanin experiments (partial)');
    expect(html).toContain('partial: 1 of 2 experiments (stopped by Ctrl-C); not run: compare-bn');
    expect(stopped.stderr).toContain('the report is partial: 1 of 2 experiments');
    expect(
      readdirSync(join(directory, 'fanin-report')).filter((file) => file.endsWith('.tmp')),
    ).toEqual([]);
  });
});
