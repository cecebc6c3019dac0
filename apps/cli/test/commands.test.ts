import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import {
  EXAMPLES,
  fanin,
  requireBuild,
  spiralModel,
  temporaryDirectory,
  writeFile,
} from './fanin.js';

beforeAll(requireBuild);

/** The JSON header of a safetensors file (8-byte little-endian length, then JSON). */
function safetensorsHeader(path: string): Record<string, { dtype: string; shape: number[] }> {
  const bytes = readFileSync(path);
  const length = Number(bytes.readBigUInt64LE(0));
  return JSON.parse(bytes.subarray(8, 8 + length).toString('utf8'));
}

describe.concurrent('fanin', () => {
  it('prints its version and help', async () => {
    const directory = temporaryDirectory();
    const version = await fanin(['--version'], directory);
    expect(version.stdout).toBe(`${packageJson.version}\n`);
    const help = await fanin(['--help'], directory);
    expect(help.code).toBe(0);
    for (const command of ['experiments', 'train', 'check', 'sweep', 'report', 'list', 'bench'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('prints help for a command from its declarations', async () => {
    const run = await fanin(['train', '--help'], temporaryDirectory());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: fanin train \[options\]/);
    for (const flag of [
      '--config <value>',
      '--batch-size <n>',
      '--learning-rate <number>',
      '--backend <cpu|wasm|webgl>',
      '-q, --quiet',
      '--[no-]stratify',
    ])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('fanin train --config examples/model.json');
  });

  it('lists the registry as a table and as JSON', async () => {
    const directory = temporaryDirectory();
    const table = await fanin(['list', 'activation'], directory);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^leakyRelu\s+alpha=0\.01\s+Leaky relu/m);
    const json = await fanin(['list', '--json'], directory);
    const entries = JSON.parse(json.stdout) as { kind: string; name: string }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'initializer', name: 'heNormal' }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'pruner', name: 'divergence' }));
    const one = JSON.parse(
      (await fanin(['list', 'optimizers', 'adam', '--json'], directory)).stdout,
    );
    expect(one.options.map((option: { name: string }) => option.name)).toContain('beta1');
  });

  it('trains a model from a config, diagnoses it and saves its weights', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'spiral.json', spiralModel());
    const run = await fanin(
      ['train', '--config', 'spiral.json', '--backend', 'cpu', '--json'],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.epochs).toBe(3);
    expect(result.history.val_accuracy).toHaveLength(3);
    expect(result.diagnosis.findings.map((f: { check: string }) => f.check)).toEqual(
      expect.arrayContaining(['updateRatio', 'deadUnits', 'generalizationGap', 'lossCurve']),
    );
    const header = safetensorsHeader(join(directory, 'fanin-runs', 'spiral.safetensors'));
    expect(header['0.kernel']).toEqual({
      dtype: 'F32',
      shape: [2, 16],
      data_offsets: expect.any(Array),
    });
    expect(header['2.bias']?.shape).toEqual([3]);
    // Progress is on stderr, one plain line per epoch when it is not a terminal.
    expect(run.stderr).toMatch(/^train: 3\/3 epochs {2}loss /m);
  });

  it('trains an MLP from flags, flags overriding the training options', async () => {
    const directory = temporaryDirectory();
    const run = await fanin(
      [
        'train',
        '--dataset',
        'xor',
        '--hidden',
        '8',
        '--epochs',
        '2',
        '--learning-rate',
        '0.05',
        '--out',
        'w.safetensors',
        '--quiet',
      ],
      directory,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Trained 2 epochs: loss /);
    expect(Object.keys(safetensorsHeader(join(directory, 'w.safetensors')))).toContain('0.kernel');
  });

  it('exits 1 when training diverges', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'm.json', spiralModel({ optimizer: { type: 'sgd', learningRate: 1e8 } }));
    const run = await fanin(['train', '--config', 'm.json', '--quiet'], directory);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/BAD {3}The loss rose above 3 times its initial value/);
  });

  it('passes the sanity checks on the example model', async () => {
    const run = await fanin(
      ['check', '--config', join(EXAMPLES, 'model.json'), '--quiet'],
      temporaryDirectory(),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const check of [
      'initial loss',
      'regularization',
      'overfit a tiny subset',
      'gradient check',
    ])
      expect(run.stdout).toMatch(new RegExp(`^PASS  ${check}: `, 'm'));
  });

  it('fails the initial-loss check of a badly initialized model, with the reason (exit 1)', async () => {
    const directory = temporaryDirectory();
    const model = spiralModel();
    writeFile(directory, 'm.json', {
      ...model,
      layers: [
        { dense: 16, activation: 'relu', init: { type: 'normal', std: 20 } },
        { dense: 3, init: { type: 'normal', std: 20 } },
      ],
    });
    const run = await fanin(
      ['check', '--config', 'm.json', '--json', '--backend', 'cpu'],
      directory,
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.passed).toBe(false);
    const initial = result.checks.find((check: { check: string }) => check.check === 'initialLoss');
    expect(initial.passed).toBe(false);
    expect(initial.expected).toBeCloseTo(Math.log(3), 6);
    expect(initial.message).toMatch(/is far above ln\(3\): the initial logits are too large/);
  });

  it('measures a benchmark of the suite', async () => {
    const run = await fanin(
      ['bench', '--only', 'activations', '--backends', 'cpu', '--json', '--quiet'],
      temporaryDirectory(),
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.result.benchmarks).toEqual(['activations']);
    expect(result.result.failures).toEqual([]);
  });
});

describe('fanin sweep and report', () => {
  it('runs a two-stage sweep, then reports it with plots', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'model.json', spiralModel({ epochs: 1 }));
    writeFile(directory, 'sweep.json', {
      name: 'spiral-lr',
      model: 'model.json',
      space: {
        learningRate: { type: 'pow10', low: -4, high: -1 },
        'layers[*].activation': { type: 'categorical', choices: ['relu', 'tanh'] },
      },
      objective: 'val_accuracy',
      stages: [
        { trials: 4, epochs: 1 },
        { trials: 2, epochs: 2, top: 2 },
      ],
      seed: 3,
    });
    const run = await fanin(['sweep', '--config', 'sweep.json', '--backend', 'cpu'], directory);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Study "spiral-lr" \(maximize\): 4 trials, 4 complete/m);
    expect(run.stdout).toMatch(/^Study "spiral-lr\/stage-2" \(maximize\): 2 trials, 2 complete/m);
    const journal = join(directory, 'fanin-runs', 'spiral-lr.jsonl');
    expect(existsSync(journal)).toBe(true);
    expect(existsSync(`${journal}.lock`)).toBe(false);

    const report = await fanin(
      ['report', 'fanin-runs/spiral-lr.jsonl', '--json', '--quiet'],
      directory,
    );
    expect(report.code, report.stderr).toBe(0);
    const result = JSON.parse(report.stdout);
    expect(result.objective).toBe('val_accuracy');
    expect(result.stages.map((stage: { study: string }) => stage.study)).toEqual([
      'spiral-lr',
      'spiral-lr/stage-2',
    ]);
    expect(result.stages[0].leaderboard).toHaveLength(4);
    const out = join(directory, 'fanin-report', 'spiral-lr');
    for (const file of [
      'report.html',
      'sweep-trials.svg',
      'sweep-trials.png',
      'sweep-param-learning-rate.svg',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(readFileSync(join(out, 'sweep-trials.png')).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<svg[^>]*>/);

    // Running it again resumes: nothing left to do, same leaderboard.
    const again = await fanin(
      ['sweep', '--config', 'sweep.json', '--backend', 'cpu', '--json', '--quiet'],
      directory,
    );
    expect(again.code, again.stderr).toBe(0);
    const summaries = JSON.parse(again.stdout).summaries;
    expect(summaries.map((summary: { complete: number }) => summary.complete)).toEqual([0, 0]);
    expect(summaries.map((summary: { total: number }) => summary.total)).toEqual([4, 2]);
  });

  it('draws every stage with the sampler --sampler names, and resumes only with it', async () => {
    const directory = temporaryDirectory();
    writeFile(directory, 'model.json', spiralModel({ epochs: 1 }));
    writeFile(directory, 'sweep.json', {
      name: 'spiral-tpe',
      model: 'model.json',
      space: { learningRate: { type: 'pow10', low: -4, high: -1 } },
      objective: 'val_accuracy',
      stages: [{ trials: 3, epochs: 1 }],
      seed: 5,
    });
    const args = ['sweep', '--config', 'sweep.json', '--backend', 'cpu', '--quiet'];
    const run = await fanin([...args, '--sampler', 'tpe'], directory);
    expect(run.code, run.stderr).toBe(0);
    const journal = readFileSync(join(directory, 'fanin-runs', 'spiral-tpe.jsonl'), 'utf8');
    expect(journal).toMatch(/"sampler": \{"type": "tpe"/);

    const otherSampler = await fanin(args, directory);
    expect(otherSampler.code).toBe(2);
    expect(otherSampler.stderr).toMatch(/sampler/);

    const typo = await fanin([...args, '--sampler', 'tpee'], directory);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(typo.stderr).toContain('"tpe"');
  });
});
