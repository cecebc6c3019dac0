// The demos on a phone (390 x 844 CSS pixels, an iPhone 12 to 15): every chart fits the
// screen, stacked where it does not fit side by side. A full-page screenshot of each demo goes
// to test-artifacts/mobile-<demo>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFitProblems } from './support/chart-fit.js';
import { type Browser, launchChromium } from './support/chromium.js';
import { chartsDrawn, settled, watch } from './support/demo-page.js';
import { ARTIFACTS } from './support/paths.js';
import { ensureSiteBuilt, SITE_DIST, sitePages } from './support/site-build.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

const PHONE = { width: 390, height: 844 };

ensureSiteBuilt();
const demos = sitePages().filter((path) => path.startsWith('/demos/') && path !== '/demos/');

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(SITE_DIST);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(`demos at ${PHONE.width}x${PHONE.height}`, () => {
  it('found the demos', () => {
    expect(demos).toContain('/demos/batch-norm-lab');
  });

  for (const path of demos) {
    it(`${path}: every chart is inside the screen and visible`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize(PHONE);
      const problems = watch(page);
      await page.goto(server.url + path, { waitUntil: 'load' });
      const demo = page.locator('[data-demo]').first();
      await demo.waitFor({ timeout: 30_000 });
      expect(await settled(page, demo)).toBe('done');
      await chartsDrawn(page);
      const fit = await chartFitProblems(demo);
      // From the top, so that the sticky bar is drawn where it sits, not over the middle.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: join(ARTIFACTS, `mobile-${path.replace(/^\/demos\//, '')}.png`),
        fullPage: true,
      });
      expect(fit).toEqual([]);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        'the page scrolls sideways',
      ).toBeLessThanOrEqual(PHONE.width);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
