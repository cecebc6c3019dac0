import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf, useBackend } from '@fanin/core';
import { afterAll, describe, expect, it } from 'vitest';
import { attemptSpeed } from './benchmarks/attempt-speed.js';
import { cliStartup } from './benchmarks/cli-startup.js';
import { type ContenderName, TRAINING_CONTENDERS } from './benchmarks/training-speed.js';
import { sweepThroughput } from './benchmarks/sweep-throughput.js';
import { optionalExport } from './optional-import.js';
import { headline } from './report/headline.js';
import { renderReport } from './report/render.js';
import { writeResults } from './report/results-file.js';
import { runSuite, type SuitePlan } from './suite.js';
import { DEFAULT_SUITE_OPTIONS } from './suite-options.js';
import type { MlpSpec } from './training/reference-mlp.js';

// Smoke tests: every benchmark runs on a tiny network and returns well-formed results.
// They check shapes and sanity (finite, positive, no leaked tensors), never timings.

const TINY: MlpSpec = {
  sizes: [6, 5, 4, 3],
  batchSize: 4,
  batchesPerEpoch: 2,
  learningRate: 0.01,
  labelSmoothing: 0.1,
  seed: 0,
};

const TINY_PLAN: Partial<SuitePlan> = {
  spec: TINY,
  trainingSteps: { cpu: 2, wasm: 2 },
  contenders: Object.keys(TRAINING_CONTENDERS) as ContenderName[],
  repeats: 2,
  attemptSteps: { cpu: 2, wasm: 2 },
  throughputRepeats: 1,
  throughputPasses: 1,
  activationShape: [4, 8],
  flatShape: [4, 64],
  spatialShape: [2, 2, 2, 64],
  initializerShape: [8, 8],
  memorySteps: 12,
};

const directory = mkdtempSync(join(tmpdir(), 'fanin-bench-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('runSuite on a tiny plan', () => {
  it('runs training, throughput and memory benchmarks on cpu and wasm and reports them', async () => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const messages: string[] = [];
    const result = await runSuite(
      {
        ...DEFAULT_SUITE_OPTIONS,
        quick: true,
        torch: false,
        backends: ['cpu', 'wasm'],
        only: ['training', 'activations', 'normalization', 'initializers', 'memory'],
      },
      (message) => messages.push(message),
      TINY_PLAN,
    );
    expect(result.failures).toEqual([]);
    expect(result.benchmarks).toEqual([
      'training',
      'activations',
      'normalization',
      'initializers',
      'memory',
    ]);
    expect(messages).toContain('running training...');

    const training = result.training!;
    expect(training.backends.map((b) => b.backend)).toEqual(['cpu', 'wasm']);
    for (const { contenders, ratios } of training.backends) {
      expect(contenders.map((c) => c.name)).toEqual([
        'fanin fit',
        'fanin fit, tfjs kernels',
        'fanin step',
        'tfjs-layers fit',
        'tfjs-layers minimize',
        'tfjs-layers fit, fanin matMul',
      ]);
      for (const contender of contenders) {
        expect(contender.msPerStep.samples).toHaveLength(2);
        expect(contender.msPerStep.median).toBeGreaterThan(0);
        expect(contender.kernelsPerStep).toBeGreaterThan(0);
        expect(Number.isFinite(contender.finalLoss)).toBe(true);
      }
      expect(ratios.map((r) => r.label)).toEqual([
        'fanin fit, tfjs kernels / fanin fit',
        'tfjs-layers fit / fanin fit',
        'tfjs-layers minimize / fanin step',
      ]);
    }
    expect(training.torch).toBeUndefined();

    const activations = result.activations!;
    expect(activations.results.length).toBeGreaterThanOrEqual(2 * 15);
    expect(
      activations.results.find((r) => r.name === 'relu' && r.backend === 'wasm')?.shape,
    ).toEqual([4, 8]);
    const normalization = result.normalization!;
    expect(normalization.results.map((r) => r.name)).toEqual(
      expect.arrayContaining(['batchNorm', 'layerNorm']),
    );
    const initializers = result.initializers!;
    expect(initializers.results.map((r) => r.name)).toEqual(
      expect.arrayContaining(['constant', 'heNormal', 'orthogonal']),
    );
    expect(initializers.skipped).toEqual([]);

    const memory = result.memory!;
    expect(memory.backend).toBe('cpu');
    expect(memory.steps).toBe(12);
    expect(memory.tensorSpread).toBe(0);
    expect(memory.readings.length).toBeGreaterThan(1);

    // Everything the suite created is gone.
    expect(tf.memory().numTensors).toBe(before);

    const text = renderReport(result);
    expect(text).toContain('tfjs-layers fit / fanin fit');
    expect(text).toContain('Long run: 12 steps of fanin fit on cpu');
    const numbers = headline(result);
    expect(Object.keys(numbers.faninFitMs)).toEqual(['cpu', 'wasm']);
    expect(numbers.leakFree).toBe(memory.flat);

    const path = writeResults(result, directory);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.training.backends[0].contenders[0].name).toBe('fanin fit');
  });
});

describe('speed attempts', () => {
  it('times every attempt that applies to a backend next to the baseline', async () => {
    const [cpu, wasm] = await attemptSpeed({
      spec: TINY,
      backends: ['cpu', 'wasm'],
      steps: { cpu: 2, wasm: 2 },
      repeats: 1,
    });
    expect(cpu!.attempts.map((a) => a.name)).toEqual([
      'tfjsKernels',
      'unfusedDense',
      'unfusedLoss',
      'unfusedOptimizer',
      'composedMlp',
      'explicitTransposeOnCpu',
      'tfjsCpuMatMul',
      'kernelRelu',
      'fusedDense',
      'noLossReadback',
      'gatherBatches',
      'hostCopyBatches',
    ]);
    expect(wasm!.attempts.map((a) => a.name)).toEqual([
      'tfjsKernels',
      'unfusedDense',
      'unfusedLoss',
      'unfusedOptimizer',
      'composedMlp',
      'transposeFlags',
      'kernelRelu',
      'fusedDense',
      'noLossReadback',
      'gatherBatches',
      'hostCopyBatches',
    ]);
    for (const attempt of [...cpu!.attempts, ...wasm!.attempts]) {
      expect(attempt.speedup).toBeGreaterThan(0);
      expect(Number.isFinite(attempt.finalLoss)).toBe(true);
    }
    // gathering the batch on the backend adds kernels that fit's host batches do not run
    expect(wasm!.attempts.find((a) => a.name === 'gatherBatches')!.kernelsPerStep).toBeGreaterThan(
      wasm!.baseline.kernelsPerStep,
    );
  });
});

describe('benchmarks that need something outside the package', () => {
  it('reports the CLI as not measured when its build is missing', async () => {
    const result = await cliStartup({ bin: join(directory, 'bin.js'), runs: 1 });
    expect(result.measured).toBe(false);
  });

  it('names a module or export that is not there', async () => {
    expect(await optionalExport('@fanin/no-such-package', 'x')).toMatchObject({
      missing: expect.stringContaining('could not be loaded'),
    });
    expect(await optionalExport('node:path', 'noSuchExport')).toEqual({
      missing: 'node:path does not export noSuchExport yet',
    });
  });

  it('measures sweeps or says why not', async () => {
    const result = await sweepThroughput({ workers: [1], trials: 2 });
    if (result.measured) expect(result.runs[0]!.trialsPerMinute).toBeGreaterThan(0);
    else expect(result.reason).toMatch(/@fanin\/search\/node/);
  });
});
