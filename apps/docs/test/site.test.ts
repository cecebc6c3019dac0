// The built site in headless Chromium: every page loads without console errors or failed
// requests, and every demo runs to the end on the webgl backend (screenshots in
// test-artifacts/).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.js';
import { ARTIFACTS } from './support/paths.js';
import { ensureSiteBuilt, sitePages } from './support/site-build.js';
import { type StaticServer, serveStatic } from './support/static-server.js';
import { SITE_DIST } from './support/site-build.js';

ensureSiteBuilt();
const pages = sitePages();
const demos = pages.filter((path) => path.startsWith('/demos/') && path !== '/demos/');

let server: StaticServer;
let browser: Browser;

/** Problems a page reports while loading: console errors, uncaught exceptions, failed requests. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

beforeAll(async () => {
  server = await serveStatic(SITE_DIST);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every page', () => {
  it('found the pages of the built site', () => {
    expect(pages).toContain('/');
    expect(pages).toContain('/guide/getting-started');
    expect(pages).toContain('/reference/');
  });

  // Pages load in a few parallel tabs; each must render its content without errors.
  it(`loads ${pages.length} pages without console errors or failed requests`, async () => {
    const failures: string[] = [];
    const queue = pages.filter((path) => !demos.includes(path));
    const worker = async () => {
      const page = await browser.context.newPage();
      const problems = watch(page);
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        problems.length = 0;
        const response = await page.goto(server.url + path, { waitUntil: 'load' });
        await page.waitForSelector('.VPContent', { timeout: 30_000 });
        const title = await page.title();
        if (!response?.ok()) problems.push(`HTTP ${response?.status()}`);
        if (!title || title.startsWith('404')) problems.push(`title "${title}"`);
        if (problems.length > 0) failures.push(`${path}: ${problems.join('; ')}`);
      }
      await page.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(failures).toEqual([]);
  });
});

describe.runIf(demos.length > 0)('demos on webgl', () => {
  for (const path of demos) {
    it(`${path} runs on webgl`, async () => {
      const page = await browser.context.newPage();
      const problems = watch(page);
      await page.goto(server.url + path, { waitUntil: 'load' });
      const demo = page.locator('[data-demo]').first();
      await demo.waitFor({ timeout: 30_000 });
      // Each demo runs once on load (and again on input); it marks itself done or failed.
      await page.waitForSelector('[data-demo][data-status="done"], [data-demo][data-status="error"]', { timeout: 150_000 });
      const status = await demo.getAttribute('data-status');
      const error = status === 'error' ? await demo.locator('.demo-error').textContent() : '';
      expect(status, `demo error: ${error}`).toBe('done');
      expect(await demo.getAttribute('data-backend')).toBe('webgl');
      expect(await demo.locator('.demo-backend').textContent()).toContain('webgl');
      await page.waitForTimeout(300);
      await demo.screenshot({ path: join(ARTIFACTS, `${path.replace(/^\/demos\//, 'demo-')}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
