// fanin dashboard without a browser: bad input gets one line and exit 2; a journal written
// in torn pieces while the dashboard reads it never shows a torn trial; a Redis journal is
// followed as it grows.
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, temporaryDirectory, writeFile } from './fanin.js';
import { readEvents, startDashboard, writeSweep } from './dashboard-harness.js';
import { startRedis, type TestRedis } from '@fanin/test-support/redis-server';

let redis: TestRedis | undefined;
/** The journal of a finished two-stage sweep (6 + 3 trials), as lines. */
let finished: string[] = [];

beforeAll(async () => {
  requireBuild();
  redis = await startRedis();
  const directory = temporaryDirectory();
  writeSweep(directory, { trials: 6, points: 60, epochs: 2 });
  const sweep = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
  expect(sweep.code, sweep.stderr).toBe(0);
  finished = readFileSync(join(directory, 'fanin-runs', 'spiral-lr-wd.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
});

afterAll(async () => {
  await redis?.stop();
});

/** The lines a failed run printed on stderr that start with `fanin:`. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('fanin:'));
}

interface Snapshot {
  readonly stages: readonly {
    readonly counts: Readonly<Record<'total' | 'complete' | 'pruned' | 'failed', number>>;
  }[];
  readonly trials: readonly {
    readonly key: string;
    readonly state: string;
    readonly params: Record<string, unknown>;
  }[];
}

describe('fanin dashboard with bad input', () => {
  it('exits 2 with one line for a missing file, a folder, text, other JSON, no journal, two journals', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'notes.txt', 'not a journal\n');
    writeFile(directory, 'package.json', { name: 'x', version: '1.0.0' });
    writeFile(directory, 'records.jsonl', '{"name": "x"}\n');
    const cases: [string[], RegExp][] = [
      [['--journal', 'missing.jsonl'], /^fanin: missing\.jsonl: no such journal file\. /],
      [['--journal', '.'], /: is a directory, not a journal file\. /],
      [['--journal', 'notes.txt'], /^fanin: notes\.txt: is not a journal file \(line 1: /],
      [['--journal', 'package.json'], /^fanin: package\.json: is not a journal file \(line 1: /],
      [
        ['--journal', 'records.jsonl'],
        /^fanin: records\.jsonl: is not a journal file \(line 1: not a journal record \(no op_code\)\)\. /,
      ],
      [[], /^fanin: no journal given: fanin dashboard follows --journal <file> or --redis <url>/],
      [
        ['--journal', 'x.jsonl', '--redis', 'redis://127.0.0.1:1'],
        /--journal or --redis, not both/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await fanin(['dashboard', ...args, '--port', '0'], directory);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(errorLines(run.stderr), args.join(' ')).toHaveLength(1);
      expect(errorLines(run.stderr)[0], args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('exits 2 naming the port when it is in use, and suggests --port', async () => {
    const directory = temporaryDirectory();
    const journal = writeFile(directory, 'sweep.jsonl', `${finished.join('\n')}\n`);
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = await fanin(
        ['dashboard', '--journal', journal, '--port', String(port)],
        directory,
      );
      expect(run.code, run.stderr).toBe(2);
      expect(errorLines(run.stderr)).toEqual([
        `fanin: port ${port} on 127.0.0.1 is in use by another program. Choose another with --port (--port 0 takes any free port)`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('exits 2 within seconds for an unreachable Redis, and names the studies of a wrong --study', async () => {
    const directory = temporaryDirectory();
    const began = Date.now();
    const unreachable = await fanin(
      ['dashboard', '--redis', 'redis://127.0.0.1:1', '--study', 'spiral-lr-wd'],
      directory,
    );
    expect(unreachable.code, unreachable.stderr).toBe(2);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(errorLines(unreachable.stderr)).toHaveLength(1);
    expect(errorLines(unreachable.stderr)[0]).toMatch(
      /^fanin: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: /,
    );

    const journal = writeFile(directory, 'sweep.jsonl', `${finished.join('\n')}\n`);
    const wrong = await fanin(['dashboard', '--journal', journal, '--study', 'other'], directory);
    expect(wrong.code, wrong.stderr).toBe(2);
    expect(errorLines(wrong.stderr)).toEqual([
      'fanin: no sweep "other" in sweep.jsonl. Studies: "spiral-lr-wd", "spiral-lr-wd/stage-2"',
    ]);
  });
});

describe('fanin dashboard following a journal', () => {
  it('never shows a torn trial while a writer writes each line in two halves', async () => {
    const directory = temporaryDirectory();
    const journal = writeFile(directory, 'sweep.jsonl', '');
    const dashboard = await startDashboard(['--journal', journal], directory);
    const stream = readEvents(dashboard.url);
    try {
      await stream.waitFor((events) => events.length > 0, 'the first snapshot');
      for (const line of finished) {
        const half = Math.floor(line.length / 2);
        appendFileSync(journal, line.slice(0, half));
        await new Promise((resolve) => setTimeout(resolve, 15));
        appendFileSync(journal, `${line.slice(half)}\n`);
      }
      const finishedTrials = (events: readonly { event: string; data: string }[]) => {
        const last = events[events.length - 1]!;
        if (last.event === 'problem') return -1;
        const { stages } = JSON.parse(last.data) as Snapshot;
        return stages.reduce(
          (sum, stage) => sum + stage.counts.complete + stage.counts.pruned + stage.counts.failed,
          0,
        );
      };
      await stream.waitFor(
        // A problem event (-1) ends the wait too, and fails the next assertion.
        (events) => finishedTrials(events) >= 9 || finishedTrials(events) === -1,
        'all 9 trials finished',
      );
      expect(stream.events.filter((event) => event.event === 'problem')).toEqual([]);
      expect(stream.events.length).toBeGreaterThan(2);
      // Every trial in every event is whole: it has both parameters from the start.
      for (const event of stream.events) {
        const data = JSON.parse(event.data) as Snapshot;
        for (const trial of data.trials) {
          expect(Object.keys(trial.params).sort(), JSON.stringify(trial)).toEqual([
            'learningRate',
            'weightDecay',
          ]);
        }
      }
      const snapshot = (await (
        await fetch(new URL('api/snapshot', dashboard.url))
      ).json()) as Snapshot;
      expect(snapshot.trials).toHaveLength(9);
      expect(snapshot.trials.every((trial) => trial.state !== 'running')).toBe(true);
    } finally {
      stream.close();
      await dashboard.stop();
    }
  });

  it('tells the page, and stderr, when a line that is not a record is appended', async () => {
    const directory = temporaryDirectory();
    const journal = writeFile(directory, 'sweep.jsonl', `${finished.slice(0, 20).join('\n')}\n`);
    const dashboard = await startDashboard(['--journal', 'sweep.jsonl'], directory);
    const stream = readEvents(dashboard.url);
    try {
      await stream.waitFor((events) => events.length > 0, 'the first snapshot');
      appendFileSync(journal, 'garbage\n');
      await stream.waitFor(
        (events) => events.some((event) => event.event === 'problem'),
        'the problem event',
      );
      const problem = stream.events.find((event) => event.event === 'problem')!;
      expect(JSON.parse(problem.data).message).toMatch(/^sweep\.jsonl:21: /);
    } finally {
      stream.close();
      const stopped = await dashboard.stop();
      expect(stopped.stderr).toMatch(/warning: stopped following the journal: sweep\.jsonl:21: /);
    }
  });

  it('follows a sweep journal in Redis (--redis --study) as records are pushed', async () => {
    const directory = temporaryDirectory();
    const client = new Redis(redis!.url);
    try {
      // The Redis journal holds the same lines as the file (search-bullmq's format).
      const cut = finished.findIndex((line) => line.includes('spiral-lr-wd/stage-2'));
      await client.rpush('fanin:journal', ...finished.slice(0, cut));
      const dashboard = await startDashboard(
        ['--redis', redis!.url, '--study', 'spiral-lr-wd'],
        directory,
      );
      const stream = readEvents(dashboard.url);
      try {
        await stream.waitFor((events) => events.length > 0, 'the first snapshot');
        const first = JSON.parse(stream.events[0]!.data) as Snapshot;
        expect(stream.events[0]!.event).toBe('snapshot');
        expect(first.stages).toHaveLength(1);
        expect(first.trials).toHaveLength(6);
        await client.rpush('fanin:journal', ...finished.slice(cut));
        await stream.waitFor(
          (events) =>
            events.some(
              (event) =>
                event.event === 'update' &&
                (JSON.parse(event.data) as Snapshot).stages.length === 2,
            ),
          'the second stage',
        );
        const snapshot = (await (
          await fetch(new URL('api/snapshot', dashboard.url))
        ).json()) as Snapshot;
        expect(snapshot.trials).toHaveLength(9);
        // The dashboard only read: the list is as pushed.
        expect(await client.lrange('fanin:journal', 0, -1)).toEqual(finished);
      } finally {
        stream.close();
        const stopped = await dashboard.stop();
        expect(stopped.code, stopped.stderr).toBe(130);
      }
    } finally {
      await client.quit();
    }
  });
});

describe('fanin dashboard --help', () => {
  it('lists the journal, Redis and port options', async () => {
    const run = await fanin(['dashboard', '--help'], temporaryDirectory());
    expect(run.code).toBe(0);
    for (const flag of ['--journal', '--redis', '--study', '--port'])
      expect(run.stdout).toContain(flag);
  });
});
