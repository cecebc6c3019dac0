// What the browser suites share about a page of the built site: the problems it reports
// while loading, its links, and waiting for a demo to finish its run.
import type { Locator, Page } from 'playwright-core';
import type { PageLink } from './site-links.js';

/** Problems a page reports while loading: console errors, uncaught exceptions, failed requests. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Leaving a page cancels the page chunks VitePress prefetches for its links: not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** Every link of the page (sidebar, content, generated plots, components), as written and resolved. */
export function pageLinks(page: Page): Promise<PageLink[]> {
  return page.$$eval('a[href]', (anchors) =>
    anchors.map((anchor) => ({
      href: anchor.getAttribute('href') ?? '',
      resolved: (anchor as HTMLAnchorElement).href,
    })),
  );
}

/** Waits until the demo finished its current run, and returns its status. */
export async function settled(page: Page, demo: Locator): Promise<string> {
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-demo]')?.getAttribute('data-status');
      return status === 'done' || status === 'error';
    },
    null,
    { timeout: 150_000 },
  );
  const status = (await demo.getAttribute('data-status')) ?? '';
  if (status === 'error')
    throw new Error(`demo error: ${await demo.locator('.demo-error').textContent()}`);
  return status;
}

/** Waits until every chart of the demo has been drawn. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-demo] .demo-chart')].every(
        (chart) => chart.getAttribute('data-rendered') === 'true',
      ),
    null,
    { timeout: 30_000 },
  );
}
