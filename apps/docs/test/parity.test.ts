// The packages' parity suites on the webgl backend, in headless Chromium (WebGL 2 on
// SwiftShader). Every packages/<pkg>/test/{parity-run,golden-check,parity-check}.ts is picked
// up as it lands; the page runs it on webgl and proves webgl did the work, and this file
// judges the result against the cpu backend (run here in Node) or the PyTorch goldens.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRegistry, type Plugin, PLURAL, useBackend } from '@fanin/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteRun } from './browser/suites.js';
import { type Browser, launchChromium } from './support/chromium.js';
import { type ParityServer, startParityServer } from './support/parity-server.js';
import { ARTIFACTS, REPO_ROOT } from './support/paths.js';

/** webgl computes in float32 on the GPU with its own exp/log/tanh; cpu runs float32 in JS. */
const LOSS_TOLERANCE = 1e-3;

const SUITE_FILES = ['parity-run.ts', 'golden-check.ts', 'parity-check.ts'];

/** The suites on disk, found the way the page's import.meta.glob finds them. */
function suitesOnDisk(): string[] {
  const packages = join(REPO_ROOT, 'packages');
  return readdirSync(packages)
    .flatMap((name) =>
      SUITE_FILES.filter((file) => existsSync(join(packages, name, 'test', file))).map(
        (file) => `${name}/${file.replace(/\.ts$/, '')}`,
      ),
    )
    .sort();
}

async function importSuite(id: string): Promise<Record<string, unknown>> {
  const [name, file] = id.split('/');
  return import(pathToFileURL(join(REPO_ROOT, 'packages', name!, 'test', `${file}.ts`)).href);
}

async function packagePlugins(name: string): Promise<Plugin[]> {
  const plurals = new Set<string>(Object.values(PLURAL));
  const module: Record<string, unknown> = await import(
    pathToFileURL(join(REPO_ROOT, 'packages', name, 'src', 'index.ts')).href
  );
  return Object.values(module).filter((value): value is Plugin => {
    if (
      typeof value !== 'object' ||
      value === null ||
      typeof (value as { name?: unknown }).name !== 'string'
    )
      return false;
    const keys = Object.keys(value).filter((key) => key !== 'name');
    return keys.length > 0 && keys.every((key) => plurals.has(key));
  });
}

const suites = suitesOnDisk();
let server: ParityServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const report: Record<string, unknown> = {};

async function runOnWebgl(id: string): Promise<SuiteRun> {
  const run = await page.evaluate((suite) => window.faninParity!.run(suite), id);
  expect(run.backend.name, `${id} must run on webgl`).toBe('webgl');
  expect(run.backend.compiledPrograms, `${id}: shader programs compiled`).toBeGreaterThan(0);
  return run;
}

describe.runIf(suites.length > 0)('parity suites on webgl (headless Chromium)', () => {
  beforeAll(async () => {
    server = await startParityServer();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.faninParity !== undefined, null, { timeout: 120_000 });
  });

  afterAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'webgl-parity.json'), `${JSON.stringify(report, null, 2)}\n`);
    await browser?.close();
    await server?.close();
  });

  it('the page found the same suites as the file system', async () => {
    const onPage = await page.evaluate(() => window.faninParity!.suites);
    expect(onPage).toEqual(suites);
  });

  for (const id of suites) {
    it(`${id} on webgl`, async () => {
      const module = await importSuite(id);
      if (typeof module.parityRun === 'function') {
        await useBackend('cpu');
        const cpu = (await (module.parityRun as (backend: string) => Promise<number[]>)(
          'cpu',
        )) as number[];
        const run = await runOnWebgl(id);
        expect(run.result.kind).toBe('losses');
        const webgl = run.result.kind === 'losses' ? run.result.losses : [];
        report[id] = { backend: run.backend, cpu, webgl };
        expect(webgl).toHaveLength(cpu.length);
        expect(cpu.length).toBeGreaterThan(0);
        cpu.forEach((loss, epoch) => {
          expect(
            Math.abs(webgl[epoch]! - loss),
            `epoch ${epoch}: cpu ${loss}, webgl ${webgl[epoch]}`,
          ).toBeLessThanOrEqual(LOSS_TOLERANCE);
        });
      } else if (typeof module.goldenMismatches === 'function') {
        const run = await runOnWebgl(id);
        expect(run.result.kind).toBe('mismatches');
        const mismatches =
          run.result.kind === 'mismatches' ? (run.result.mismatches as GoldenMismatch[]) : [];
        const failures = mismatches.filter((mismatch) => !withinWebglTolerance(mismatch));
        report[id] = {
          backend: run.backend,
          strictMismatches: mismatches,
          webglFailures: failures,
        };
        expect(failures, describeMismatches(failures)).toEqual([]);
      } else if (typeof module.checkAllGolden === 'function') {
        // The package's own tolerance (float64 goldens, 1e-5 relative + 1e-5 of the scale).
        const run = await runOnWebgl(id);
        expect(run.result.kind).toBe('comparisons');
        const comparisons =
          run.result.kind === 'comparisons' ? (run.result.comparisons as GoldenComparison[]) : [];
        expect(comparisons.length).toBeGreaterThan(0);
        const failures = comparisons.filter((comparison) => !comparison.ok);
        report[id] = {
          backend: run.backend,
          comparisons: comparisons.length,
          worstRelativeError: Math.max(
            ...comparisons.map((comparison) => comparison.maxRelativeError),
          ),
          failures,
        };
        expect(failures).toEqual([]);
      } else if (typeof module.initializerBytes === 'function') {
        await useBackend('cpu');
        const registry = createRegistry({ plugins: await packagePlugins(id.split('/')[0]!) });
        const cpu = (await (
          module.initializerBytes as (registry: unknown) => Promise<Map<string, Uint8Array>>
        )(registry)) as Map<string, Uint8Array>;
        const run = await runOnWebgl(id);
        expect(run.result.kind).toBe('bytes');
        const webgl = run.result.kind === 'bytes' ? run.result.bytes : {};
        expect(Object.keys(webgl).sort()).toEqual([...cpu.keys()].sort());
        const differing = [...cpu]
          .filter(([label, bytes]) => Buffer.from(bytes).toString('base64') !== webgl[label])
          .map(([label]) => label);
        report[id] = { backend: run.backend, cases: cpu.size, differing };
        expect(differing, 'initializer cases whose webgl bytes differ from cpu').toEqual([]);
      } else {
        throw new Error(
          `packages/${id}.ts exports none of the checks the harness knows (parityRun, goldenMismatches, checkAllGolden, initializerBytes)`,
        );
      }
      expect(pageErrors).toEqual([]);
    });
  }
});

interface GoldenMismatch {
  readonly case: string;
  readonly quantity: string;
  readonly index: number;
  readonly input?: number;
  readonly ours: number;
  readonly expected: number;
  readonly reference: string;
}

interface GoldenComparison {
  readonly normalizer: string;
  readonly case: string;
  readonly step: number;
  readonly quantity: string;
  readonly errorRatio: number;
  readonly maxRelativeError: number;
  readonly ok: boolean;
}

/**
 * The activation goldens' tolerance on webgl. On cpu and wasm the package holds every value to
 * 1e-6 relative + 1e-7 absolute of PyTorch. WebGL (SwiftShader here) meets that everywhere but
 * in mish's negative tail (3 of the fixture's values): softplus there is log1p of a tiny number,
 * computed as log(w) · u / (w − 1) with w = 1 + u, and a shader's log near 1 is accurate in
 * absolute rather than relative terms, so the result loses digits (measured: mish(−15) =
 * −4.92e-6 against −4.59e-6, an absolute error of 3.3e-7; mish(−4.2) is off by 1.7e-7).
 * webgl is therefore held to 1e-5 relative + 1e-6 absolute; the strict mismatches are written to
 * test-artifacts/webgl-parity.json. Special values (NaN, ±Infinity) must match exactly.
 */
const ACTIVATION_TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

function withinWebglTolerance(mismatch: GoldenMismatch): boolean {
  const { ours, expected } = mismatch;
  if (!Number.isFinite(expected))
    return Object.is(ours, expected) || (Number.isNaN(ours) && Number.isNaN(expected));
  return (
    Number.isFinite(ours) &&
    Math.abs(ours - expected) <=
      ACTIVATION_TOLERANCE.rtol * Math.abs(expected) + ACTIVATION_TOLERANCE.atol
  );
}

function describeMismatches(mismatches: readonly GoldenMismatch[]): string {
  return mismatches
    .slice(0, 20)
    .map(
      (m) =>
        `${m.case} ${m.quantity}[${m.index}]${m.input !== undefined ? ` at x=${m.input}` : ''}: webgl ${m.ours}, expected ${m.expected} (${m.reference})`,
    )
    .join('\n');
}
