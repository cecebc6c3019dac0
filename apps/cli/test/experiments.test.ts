import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fanin, requireBuild, temporaryDirectory } from './fanin.js';

beforeAll(requireBuild);

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Every plot of a report directory is a non-empty SVG document with its PNG beside it. */
function expectPlots(directory: string, prefixes: readonly string[]): string[] {
  const files = readdirSync(directory);
  const svgs = files.filter((file) => file.endsWith('.svg'));
  for (const prefix of prefixes)
    expect(
      svgs.some((file) => file.startsWith(`${prefix}-`)),
      prefix,
    ).toBe(true);
  for (const svg of svgs) {
    const text = readFileSync(join(directory, svg), 'utf8');
    expect(text, svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text.trimEnd().endsWith('</svg>'), svg).toBe(true);
    const png = readFileSync(join(directory, svg.replace(/\.svg$/, '.png')));
    expect(png.subarray(0, 8), svg).toEqual(PNG);
    expect(png.length, svg).toBeGreaterThan(1000);
  }
  return svgs;
}

describe('fanin experiments', () => {
  it('runs every classic experiment at the tiny size and writes one self-contained report', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(['experiments', '--size', 'tiny'], directory);
    expect(run.code, run.stderr).toBe(0);
    for (const title of [
      'Activation distributions',
      'Symmetry',
      'Batch normalization',
      'Batch and group normalization in a small CNN',
      'Hyperparameter search',
      'Training health',
    ])
      expect(run.stdout).toContain(`== ${title}`);
    expect(run.stdout).toMatch(/^Report: fanin-report\/report\.html \(\d+ plots/m);
    const out = join(directory, 'fanin-report');
    const svgs = expectPlots(out, [
      'distributions',
      'symmetry',
      'compare-bn',
      'compare-bn-cnn',
      'search',
      'health',
    ]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // Every plot is inline, and nothing is loaded from elsewhere.
    expect(html.match(/<svg[\s>]/g)?.length).toBe(svgs.length);
    expect(html).not.toMatch(/<script|<link|src="http/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(Object.keys(results)).toEqual([
      'distributions',
      'symmetry',
      'compare-bn',
      'compare-bn-cnn',
      'search',
      'health',
    ]);
    expect(results.symmetry.config.epochs).toBe(2);
    expect(results['compare-bn-cnn'].config).toMatchObject({ model: 'cnn', filters: 4 });
    // The search's journal is in ./fanin-runs, named after its configuration.
    expect(
      readdirSync(join(directory, 'fanin-runs')).some((file) =>
        /^search-[0-9a-f]{8}\.jsonl$/.test(file),
      ),
    ).toBe(true);
  });

  it('refuses the old name fanin study in one line naming fanin experiments, and runs nothing', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(['study', '--full', '--out', 'report-full'], directory);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'fanin study was renamed to fanin experiments (0.x rename); run: fanin experiments --full --out report-full\n',
    });
    expect(readdirSync(directory)).toEqual([]);
    for (const args of [
      ['study', '--help'],
      ['help', 'study'],
    ]) {
      const help = await fanin(args, directory);
      expect(help.code, args.join(' ')).toBe(2);
      expect(help.stderr).toBe(
        'fanin study was renamed to fanin experiments (0.x rename); run: fanin experiments --help\n',
      );
    }
  });

  it('runs one experiment on its own, its options as flags', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(
      [
        'distributions',
        '--size',
        'tiny',
        '--activations',
        'relu,elu',
        '--layers',
        '2',
        '--out',
        'dist',
        '--json',
        '--quiet',
      ],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.config).toMatchObject({ activations: ['relu', 'elu'], layers: 2, samples: 200 });
    expect(result.cells).toHaveLength(2 * result.config.initializers.length);
    expectPlots(join(directory, 'dist'), ['distributions']);
  });

  it('compares batch norm across weight scales at the tiny size', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(['compare-bn', '--size', 'tiny', '--quiet'], directory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/weight std\s+with\s+without\s+better/);
    expectPlots(join(directory, 'fanin-report'), ['compare-bn']);
  });

  it('compares batch and group norm in a small CNN with --model cnn', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(
      [
        'compare-bn',
        '--model',
        'cnn',
        '--scales',
        '1',
        '--train-samples',
        '50',
        '--validation-samples',
        '50',
        '--filters',
        '4',
        '--groups',
        '2',
        '--epochs',
        '1',
        '--batch-size',
        '25',
        '--quiet',
      ],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/weight std\s+batchNorm\s+groupNorm\(groups=2\)\s+without\s+better/);
  });

  it('shows symmetry never breaking under zero initialization', async () => {
    const run = await fanin(
      ['symmetry', '--size', 'tiny', '--initializers', 'zeros,heNormal', '--quiet'],
      temporaryDirectory(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/- zeros: every hidden layer still has identical units/);
    expect(run.stdout).toMatch(/- heNormal: the hidden units differ/);
  });
});
