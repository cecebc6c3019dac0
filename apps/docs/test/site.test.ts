// The built site in headless Chromium: every page loads without console errors or failed
// requests, every link reaches a page and an anchor of the site, and every demo runs to the
// end on the webgl backend (screenshots in test-artifacts/).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '@fanin/cli';
import { KINDS, PLURAL } from '@fanin/core';
import { defaultRegistry, experiments } from '@fanin/experiments';
import { createStudy, JournalStorage, MemoryJournalBackend, pow10, uniform } from '@fanin/search';
import { kebabCase } from '../.vitepress/generate/markdown.js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartFitProblems } from './support/chart-fit.js';
import { type Browser, launchChromium } from './support/chromium.js';
import { chartsDrawn, pageLinks, settled, watch } from './support/demo-page.js';
import { ARTIFACTS } from './support/paths.js';
import { ensureSiteBuilt, SITE_DIST, sitePages } from './support/site-build.js';
import { linkProblem } from './support/site-links.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

ensureSiteBuilt();
const pages = sitePages();
const demos = pages.filter((path) => path.startsWith('/demos/') && path !== '/demos/');

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

describe('every page', () => {
  it('found the pages of the built site', () => {
    expect(pages).toContain('/');
    expect(pages).toContain('/guide/getting-started');
    expect(pages).toContain('/reference/');
    expect([
      siteHas('/'),
      siteHas('/reference/'),
      siteHas('/guide/activations#the-gradient-s-view'),
      siteHas('/favicon.svg'),
    ]).toEqual([true, true, true, true]);
    expect([
      siteHas('/guide/nope'),
      siteHas('/reference/activations/rellu'),
      siteHas('/guide/activations#no-such-heading'),
    ]).toEqual([false, false, false]);
    // Backslashes are Markdown escapes leaked into a URL, on any link, internal or not.
    expect(
      linkProblem(
        {
          href: 'https://scikit-learn.org/make%5C_blobs.html',
          resolved: 'https://scikit-learn.org/',
        },
        server.url,
      ),
    ).toMatch(/backslash/);
    expect(
      linkProblem(
        { href: 'https://scikit-learn.org/', resolved: 'https://scikit-learn.org/' },
        server.url,
      ),
    ).toBeUndefined();
    expect(
      linkProblem({ href: 'blob:x', resolved: `blob:${server.url}/0b5e` }, server.url),
    ).toBeUndefined();
  });

  it('has a reference page for every registry entry, experiment and CLI command in the code', () => {
    // The registry of the sources (what the code says now) against the built site.
    const registry = defaultRegistry();
    const missing: string[] = [];
    for (const kind of KINDS) {
      for (const info of registry.list(kind)) {
        const file = join(SITE_DIST, 'reference', PLURAL[kind], `${kebabCase(info.name)}.html`);
        if (!existsSync(file)) missing.push(`${kind} ${info.name}`);
        else if (!readFileSync(file, 'utf8').includes(`<h1`))
          missing.push(`${kind} ${info.name} (no heading)`);
      }
    }
    for (const command of commands) {
      if (!existsSync(join(SITE_DIST, 'reference', 'cli', `${kebabCase(command.name)}.html`)))
        missing.push(`command ${command.name}`);
    }
    for (const experiment of Object.values(experiments)) {
      const file = join(
        SITE_DIST,
        'reference',
        'experiments',
        `${kebabCase(experiment.name)}.html`,
      );
      if (!existsSync(file)) missing.push(`experiment ${experiment.name}`);
      else if (!readFileSync(file, 'utf8').includes('<code>@fanin/experiments</code>'))
        missing.push(`experiment ${experiment.name} (the page is not the experiment's)`);
    }
    expect(
      missing,
      'pages missing from the built site: rebuild it (the build regenerates the reference)',
    ).toEqual([]);
    const leaky = readFileSync(
      join(SITE_DIST, 'reference', 'activations', 'leaky-relu.html'),
      'utf8',
    );
    expect(leaky).toContain(
      registry
        .info('activation', 'leakyRelu')
        .description.replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'),
    );
  });

  // Pages load in a few parallel tabs; each must render its content without errors.
  it(`loads ${pages.length} pages without console errors, failed requests or broken links`, async () => {
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
        for (const link of await pageLinks(page)) {
          const problem = linkProblem(link, server.url);
          if (problem) problems.push(problem);
        }
        if (problems.length > 0) failures.push(`${path}: ${problems.join('; ')}`);
      }
      await page.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(failures).toEqual([]);
  });
});

/** Whether a site path ("/guide/x#anchor") resolves to a page or file of the built site (and an id on it). */
function siteHas(href: string): boolean {
  return linkProblem({ href, resolved: server.url + href }, server.url) === undefined;
}

/** A journal written by @fanin/search in Node, for the viewer's file input. */
async function uploadJournal() {
  const backend = new MemoryJournalBackend();
  const study = await createStudy({
    name: 'upload/check',
    storage: new JournalStorage(backend),
    space: { lr: pow10(-5, -1), dropout: uniform(0, 0.5) },
    direction: 'maximize',
    seed: 3,
  });
  for (let i = 0; i < 8; i++) {
    const trial = await study.ask();
    await study.tell(trial, 1 - Math.abs(Math.log10(trial.params.lr) + 3) / 4);
  }
  return { text: `${backend.lines().join('\n')}\n`, best: (await study.bestTrial())!.number };
}

/** What each demo must do after its first run, beyond running on webgl. */
const interactions: Record<string, (page: Page, demo: Locator) => Promise<void>> = {
  '/demos/activation-explorer': async (page, demo) => {
    await demo.locator('[data-control="activation"]').selectOption('tanh');
    await page.waitForFunction(
      () => document.querySelector('[data-fact="slope-at-zero"]')?.textContent === '1',
    );
    await settled(page, demo);
    expect(await demo.locator('.demo-chart').getAttribute('data-label')).toBe(
      'tanh and its derivative',
    );
  },
  '/demos/distribution-lab': async (page, demo) => {
    await demo.locator('[data-control="activation"]').selectOption('relu');
    await settled(page, demo);
    await demo.getByRole('button', { name: 'He √(2/n)' }).click();
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-control="initializer"]') as HTMLSelectElement | null)
          ?.value === 'heNormal',
    );
    await settled(page, demo);
    // He keeps relu activations' spread steady through the five layers.
    const stds = await demo.locator('.demo-stats tbody tr td:nth-child(3)').allTextContents();
    expect(stds).toHaveLength(5);
    const ratio = Number(stds[4]) / Number(stds[0]);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  },
  '/demos/batch-norm-lab': async (_page, demo) => {
    const percent = async (name: string) =>
      Number((await demo.locator(`[data-result="${name}"]`).textContent())?.replace('%', ''));
    expect(await percent('batchNorm')).toBeGreaterThan((await percent('plain')) + 30);
  },
  '/demos/sweep-viewer': async (page, demo) => {
    const { text, best } = await uploadJournal();
    await demo.locator('[data-control="journal"]').setInputFiles({
      name: 'upload.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(text),
    });
    await page.waitForFunction(() =>
      document.querySelector('[data-summary]')?.textContent?.includes('upload/check'),
    );
    await settled(page, demo);
    const firstRow = await demo
      .locator('[data-leaderboard] tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(firstRow.slice(0, 2)).toEqual(['1', String(best)]);
    expect(await demo.locator('[data-leaderboard] tbody tr').count()).toBe(8);
  },
};

describe.runIf(demos.length > 0)('demos on webgl', () => {
  it('every demo has its interaction check', () => {
    expect(Object.keys(interactions).sort()).toEqual([...demos].sort());
  });

  for (const path of demos) {
    it(`${path} runs on webgl and responds to its controls`, async () => {
      const page = await browser.context.newPage();
      const problems = watch(page);
      await page.goto(server.url + path, { waitUntil: 'load' });
      const demo = page.locator('[data-demo]').first();
      await demo.waitFor({ timeout: 30_000 });
      // Each demo runs once on load (and again on input); it marks itself done or failed.
      expect(await settled(page, demo)).toBe('done');
      expect(await demo.getAttribute('data-backend')).toBe('webgl');
      expect(await demo.locator('.demo-backend').textContent()).toContain('webgl');
      await chartsDrawn(page);
      expect(await chartFitProblems(demo)).toEqual([]);
      // The sticky navigation bar would cover the top of a tall demo in the screenshot.
      await page.addStyleTag({ content: '.VPNav, .VPLocalNav { display: none !important; }' });
      await demo.screenshot({
        path: join(ARTIFACTS, `${path.replace(/^\/demos\//, 'demo-')}.png`),
      });
      for (const link of await pageLinks(page)) {
        const problem = linkProblem(link, server.url);
        if (problem) problems.push(problem);
      }
      await interactions[path]?.(page, demo);
      expect(await demo.getAttribute('data-backend')).toBe('webgl');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
