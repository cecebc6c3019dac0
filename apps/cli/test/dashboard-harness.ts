// What the fanin dashboard tests share: a dashboard process on a free port, its event
// stream read as a page's EventSource would, Debian's Chromium, and small sweep files.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { type Run, spiralModel, start, writeFile } from './fanin.js';

/** Where the tests write their screenshots: apps/cli/test-artifacts/dashboard/. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts', 'dashboard');

/**
 * The screenshot the README and the docs guide show (apps/docs/public/images/dashboard.png),
 * replaced by the live test when FANIN_UPDATE_SCREENSHOTS=1.
 */
export const README_SCREENSHOT = join(
  import.meta.dirname,
  '..',
  '..',
  'docs',
  'public',
  'images',
  'dashboard.png',
);

/** A running `fanin dashboard`. */
export interface Dashboard {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ctrl-C, then what the process left. */
  stop(): Promise<Run>;
}

/** Starts `fanin dashboard ...args --port 0` in `cwd` and waits for the address it prints. */
export async function startDashboard(args: readonly string[], cwd: string): Promise<Dashboard> {
  const run = start(['dashboard', ...args, '--port', '0'], cwd);
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`fanin dashboard printed no address in 30 s: ${run.stderr()}`)),
      30_000,
    );
    run.child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    run.done.then((result) => {
      clearTimeout(timer);
      reject(new Error(`fanin dashboard exited ${result.code} before serving: ${result.stderr}`));
    });
  });
  return {
    url,
    child: run.child,
    async stop() {
      run.child.kill('SIGINT');
      return run.done;
    },
  };
}

/** One server-sent event. */
export interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Reads the dashboard's event stream (GET /events) the way EventSource does, collecting
 * every event until `close()`.
 */
export function readEvents(url: string): {
  readonly events: ServerEvent[];
  waitFor(test: (events: readonly ServerEvent[]) => boolean, what: string): Promise<void>;
  close(): void;
} {
  const events: ServerEvent[] = [];
  const controller = new AbortController();
  const waiters: (() => void)[] = [];
  void (async () => {
    const response = await fetch(new URL('events', url), { signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = block.split('\n');
        const event =
          fields
            .find((field) => field.startsWith('event:'))
            ?.slice(6)
            .trim() ?? '';
        const data = fields
          .filter((field) => field.startsWith('data:'))
          .map((field) => field.slice(5).replace(/^ /, ''))
          .join('\n');
        events.push({ event, data });
        for (const wake of waiters.splice(0)) wake();
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return {
    events,
    async waitFor(test, what) {
      const deadline = Date.now() + 60_000;
      while (!test(events)) {
        if (Date.now() > deadline) throw new Error(`no event stream for ${what} in 60 s`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 250);
        });
      }
    },
    close: () => controller.abort(),
  };
}

/** Debian's Chromium (never a downloaded browser), as the docs' browser tests drive it. */
export const CHROMIUM_PATH = process.env.FANIN_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium with a fresh profile, deleted on close. */
export async function launchChromium(): Promise<{
  readonly context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'fanin-dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Makes the screenshot folder and returns the path of a file in it. */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/**
 * Writes a two-stage sweep file on the spiral set (`trials` coarse trials, then 3 fine
 * ones) whose learning rates reach 10^1.5, so the divergence pruner stops some trials.
 * `points` sets the data size: 60 points per class trains a trial in a blink, 3000 in about
 * a second on the cpu backend (long enough to watch a sweep run).
 */
export function writeSweep(
  directory: string,
  options: { trials: number; points: number; epochs: number },
): string {
  const train = options.points * 2;
  return writeFile(directory, 'sweep.json', {
    name: 'spiral-lr-wd',
    model: spiralModel({
      dataset: { type: 'spiral', pointsPerClass: options.points },
      train,
      validation: options.points,
      epochs: options.epochs,
    }),
    space: {
      learningRate: { type: 'pow10', low: -4, high: 1.5 },
      weightDecay: { type: 'pow10', low: -8, high: -2 },
    },
    objective: 'val_loss',
    stages: [
      { trials: options.trials, epochs: options.epochs },
      { trials: 3, epochs: options.epochs + 1, top: 3 },
    ],
    pruners: ['divergence'],
    workers: 1,
    seed: 3,
  });
}
