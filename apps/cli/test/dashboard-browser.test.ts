// fanin dashboard in headless Chromium: a sweep watched while it runs (a new trial appears
// without reloading), a finished sweep, and one resumed after a crash. Screenshots go to
// test-artifacts/dashboard/; FANIN_UPDATE_SCREENSHOTS=1 also replaces the one the README and
// the docs show, apps/docs/public/images/dashboard.png.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, start, temporaryDirectory } from './fanin.js';
import {
  artifact,
  launchChromium,
  README_SCREENSHOT,
  startDashboard,
  writeSweep,
} from './dashboard-harness.js';

let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;

beforeAll(async () => {
  requireBuild();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A new tab on the dashboard that fails the test on any script error. */
async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}

/** The number of trials the page lists. */
function trialRows(page: Page): Promise<number> {
  return page.locator('#trials tr[data-trial-key]').count();
}

/** Waits until every chart of the page has drawn its SVG. */
async function chartsDrawn(page: Page): Promise<void> {
  for (const id of ['history', 'curves', 'planes', 'importance'])
    await page.locator(`#chart-${id} svg`).first().waitFor({ timeout: 30_000 });
}

describe('fanin dashboard in a browser', () => {
  it('shows a running sweep live: a new trial appears without reloading', async () => {
    const directory = temporaryDirectory();
    writeSweep(directory, { trials: 10, points: 3000, epochs: 4 });
    const sweep = start(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    const journal = join(directory, 'fanin-runs', 'spiral-lr-wd.jsonl');
    const deadline = Date.now() + 60_000;
    while (!existsSync(journal) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const dashboard = await startDashboard(
      ['--journal', 'fanin-runs/spiral-lr-wd.jsonl'],
      directory,
    );
    try {
      const { page, errors } = await openPage(dashboard.url);
      await page.locator('#trials tr[data-trial-key]').first().waitFor({ timeout: 60_000 });
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
      const seen = await trialRows(page);
      await page.waitForFunction(
        (count) => document.querySelectorAll('#trials tr[data-trial-key]').length > count,
        seen,
        { timeout: 60_000 },
      );
      expect(await trialRows(page)).toBeGreaterThan(seen);
      // The sweep holds the journal's lock: the page says the journal is being written.
      expect(await page.locator('#writing').textContent()).toMatch(/^being written/);
      // The same document: no reload, one navigation.
      expect(
        await page.evaluate(() => ({
          kept: (window as unknown as { notReloaded?: boolean }).notReloaded === true,
          navigations: performance.getEntriesByType('navigation').length,
        })),
      ).toEqual({ kept: true, navigations: 1 });
      await chartsDrawn(page);
      await page.screenshot({ path: artifact('live.png'), fullPage: true });

      const finished = await sweep.done;
      expect(finished.code, finished.stderr).toBe(0);
      await page.waitForFunction(
        () =>
          document.querySelectorAll('#trials tr[data-trial-key]').length === 13 &&
          document.querySelectorAll('#trials tr[data-state="running"]').length === 0 &&
          document.querySelector('#writing')?.textContent === 'not being written',
        undefined,
        { timeout: 60_000 },
      );
      expect(await page.locator('article.stage').count()).toBe(2);
      expect(await page.locator('table.leaderboard[data-stage="1"] tbody tr').count()).toBe(3);
      await page.waitForTimeout(300);
      const screenshot = artifact('dashboard.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      if (process.env.FANIN_UPDATE_SCREENSHOTS === '1') {
        mkdirSync(dirname(README_SCREENSHOT), { recursive: true });
        copyFileSync(screenshot, README_SCREENSHOT);
      }
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      sweep.child.kill('SIGINT');
      await sweep.done;
      const stopped = await dashboard.stop();
      expect(stopped.code, stopped.stderr).toBe(130);
    }
  });

  it('shows a finished sweep and leaves its journal as it was, lock untaken', async () => {
    const directory = temporaryDirectory();
    writeSweep(directory, { trials: 6, points: 60, epochs: 2 });
    const sweep = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    expect(sweep.code, sweep.stderr).toBe(0);
    const journal = join(directory, 'fanin-runs', 'spiral-lr-wd.jsonl');
    const before = statSync(journal);
    const text = readFileSync(journal, 'utf8');
    const dashboard = await startDashboard(['--journal', journal], directory);
    try {
      const { page, errors } = await openPage(dashboard.url);
      await page.waitForFunction(
        () => document.querySelectorAll('#trials tr[data-trial-key]').length === 9,
        undefined,
        { timeout: 30_000 },
      );
      await chartsDrawn(page);
      expect(await page.locator('#sweep-name').textContent()).toBe('spiral-lr-wd');
      expect(await page.locator('article.stage').count()).toBe(2);
      expect(await page.locator('#stage-1 .next h4').textContent()).toBe('Stage 2 searches');
      // Every pair of parameters has a plane: one pair, two log axes.
      expect(await page.locator('#chart-planes').textContent()).toContain('learningRate (log)');
      expect(await page.locator('#chart-planes').textContent()).toContain('weightDecay (log)');
      expect(existsSync(`${journal}.lock`)).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      const stopped = await dashboard.stop();
      expect(stopped.code, stopped.stderr).toBe(130);
    }
    const after = statSync(journal);
    expect([after.mtimeMs, after.mode, after.size, after.ino]).toEqual([
      before.mtimeMs,
      before.mode,
      before.size,
      before.ino,
    ]);
    expect(readFileSync(journal, 'utf8')).toBe(text);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });

  it('follows a sweep resumed after a crash: the unfinished trial runs again and completes', async () => {
    const directory = temporaryDirectory();
    writeSweep(directory, { trials: 6, points: 60, epochs: 2 });
    const sweep = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    expect(sweep.code, sweep.stderr).toBe(0);
    const journal = join(directory, 'fanin-runs', 'spiral-lr-wd.jsonl');
    // The journal as a crash during trial 3 leaves it: trial 3 running with its first epoch
    // reported, its next record torn in half by the kill.
    const lines = readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const created = records.filter((record) => record.op_code === 4);
    const trialId = records.indexOf(created[3]!);
    const firstReport = records.findIndex(
      (record, index) => index > trialId && record.op_code === 7 && record.trial_id === 3,
    );
    expect(firstReport).toBeGreaterThan(trialId);
    const torn = lines[firstReport + 1]!;
    writeFileSync(
      journal,
      `${lines.slice(0, firstReport + 1).join('\n')}\n${torn.slice(0, Math.floor(torn.length / 2))}`,
    );
    const dashboard = await startDashboard(['--journal', journal], directory);
    try {
      const { page, errors } = await openPage(dashboard.url);
      await page.locator('#trials tr[data-trial-key="0:3"][data-state="running"]').waitFor({
        timeout: 30_000,
      });
      expect(await trialRows(page)).toBe(4);
      const resumed = await fanin(
        ['sweep', '--config', 'sweep.json', '--backend', 'cpu'],
        directory,
      );
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/resuming sweep/);
      await page.waitForFunction(
        () => document.querySelectorAll('#trials tr[data-trial-key]').length === 9,
        undefined,
        { timeout: 30_000 },
      );
      const row = page.locator('#trials tr[data-trial-key="0:3"]');
      expect(await row.getAttribute('data-state')).not.toBe('running');
      expect(await row.locator('td').nth(4).textContent()).toBe('2');
      await chartsDrawn(page);
      await page.screenshot({ path: artifact('resumed.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      const stopped = await dashboard.stop();
      expect(stopped.code, stopped.stderr).toBe(130);
    }
  });
});
