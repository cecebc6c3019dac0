/**
 * The hyperparameter search on small MNIST splits. What the math predicts, and so what is
 * asserted:
 *
 * - Learning rate dominates. SGD with momentum 0.9 is stable while lr < 2(1 + 0.9)/λmax,
 *   λmax being the largest curvature of the loss (about 2.5, below), so over 10^-6..10^-2,
 *   far below the bound, a larger rate only trains faster: in one short epoch the
 *   validation loss falls monotonically with the learning rate (rates below 1e-4 barely move
 *   the weights at all). Weight decay ≤ 1e-4 changes each gradient by wd·w, 1e-4 of the
 *   weights, which a few steps cannot show. So the learning rate ranks first in importance,
 *   with a negative rank correlation to the loss.
 * - The best rate sits at the top edge. With a grid (both ends included) the best coarse
 *   trial has lr = 1e-2 exactly, position 1 of the range: an edge warning, and `refine`
 *   moves the upper bound out by half the old width (2 decades), to 10^0.
 * - Divergence is pruned. The curvature of the cross-entropy loss along the output layer's
 *   weights is about ‖h‖²/4 ≈ 2.5 here (h the hidden activations), so momentum SGD becomes
 *   unstable near lr ≈ 2(1 + 0.9)/2.5 ≈ 1.5 (lr = 1 sometimes survives a few steps). At
 *   lr = 10 each step overshoots tenfold: the loss explodes within a few steps (NaN, or
 *   above 3 times its first value), and the divergence pruner stops the trial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { inMemoryStorage } from '@fanin/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRoundTrips, specProblems } from '../../test/spec-check.js';
import { hyperparameterSearch, hyperparameterSearchExperiment } from './hyperparameter-search.js';

type Result = Awaited<ReturnType<typeof hyperparameterSearch>>;

describe('hyperparameterSearch on wasm (quick config)', () => {
  let result: Result;
  const storage = inMemoryStorage();
  beforeAll(async () => {
    await useBackend('wasm');
    const leaks = await countLeaks(async () => {
      result = await hyperparameterSearch(hyperparameterSearchExperiment.quick, { storage });
    });
    expect(leaks).toBe(0);
  });

  it('runs a coarse then a fine stage over log-uniform ranges', () => {
    expect(result.stages.map((s) => [s.stage, s.study, s.epochs, s.counts.total])).toEqual([
      ['coarse', 'hyperparameterSearch/coarse', 1, 20],
      ['fine', 'hyperparameterSearch/fine', 2, 8],
    ]);
    expect(result.stages[0]!.space).toEqual({
      learningRate: { type: 'pow10', low: -6, high: -2 },
      weightDecay: { type: 'pow10', low: -8, high: -4 },
    });
    for (const row of result.trials.filter((r) => r.stage === 'coarse')) {
      expect(row.learningRate).toBeGreaterThanOrEqual(1e-6);
      expect(row.learningRate).toBeLessThanOrEqual(1e-2);
      expect(row.weightDecay).toBeGreaterThanOrEqual(1e-8);
      expect(row.weightDecay).toBeLessThanOrEqual(1e-4);
    }
    // The fine ranges are built from the best coarse trials: they contain the best one.
    const fine = result.stages[1]!.space.learningRate as unknown as { low: number; high: number };
    const bestCoarse = result.stages[0]!.leaderboard[0]!;
    expect(Math.log10(bestCoarse.learningRate)).toBeGreaterThanOrEqual(fine.low);
    expect(Math.log10(bestCoarse.learningRate)).toBeLessThanOrEqual(fine.high);
  });

  it('ranks the learning rate as the important parameter', () => {
    const importance = result.stages[0]!.importance;
    expect(importance[0]!.parameter).toBe('learningRate');
    expect(importance[0]!.spearman).toBeLessThan(0);
    // 4 decades of a monotone effect: the best coarse trial has one of the larger rates
    // (20 draws leave the top decade empty with probability (3/4)^20 = 0.3%).
    expect(result.stages[0]!.leaderboard[0]!.learningRate).toBeGreaterThan(1e-3);
  });

  it('returns the best trial of the last stage, its curves, and JSON data with sound plots', () => {
    const fineBoard = result.stages[1]!.leaderboard;
    expect(result.best).toMatchObject({ stage: 'fine', number: fineBoard[0]!.number });
    expect(result.best!.valLoss).toBe(fineBoard[0]!.valLoss);
    // 5 best trials x 2 epochs
    expect(result.curves).toHaveLength(Math.min(5, fineBoard.length) * 2);
    expect(new Set(result.curves.map((p) => p.number)).size).toBe(Math.min(5, fineBoard.length));
    expect(result.trials).toHaveLength(28);
    expect(jsonRoundTrips(result)).toBe(true);
    expect(result.plots.map((p) => p.name)).toEqual([
      'learning-rate-vs-accuracy',
      'weight-decay-vs-accuracy',
      'search-plane',
      'best-curves',
    ]);
    for (const p of result.plots) expect(specProblems(p)).toEqual([]);
  });

  it('records in the storage it was given, and leaves it open', async () => {
    const studies = (await storage.listStudies()).map((s) => s.name);
    expect(studies).toEqual(['hyperparameterSearch/coarse', 'hyperparameterSearch/fine']);
  });
});

describe('hyperparameterSearch on a grid, with a journal file', () => {
  let directory: string;
  const config = {
    trainSamples: 300,
    validationSamples: 200,
    sampler: { type: 'grid', points: 3 },
    coarseTrials: 9,
    fineTrials: 3,
    fineEpochs: 1,
  } as const;
  beforeAll(async () => {
    await useBackend('wasm');
    directory = mkdtempSync(join(tmpdir(), 'fanin-hyperparameter-search-'));
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('warns at the edge, widens the range, and resumes after an abort', async () => {
    const storage = join(directory, 'search.jsonl');
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(
      hyperparameterSearch(
        { ...config, storage },
        {
          signal: controller.signal,
          onProgress: (event) => {
            seen.push(`${event.stage} ${event.done}`);
            if (event.stage === 'coarse' && event.done === 4) controller.abort();
          },
        },
      ),
    ).rejects.toThrow('experiment "hyperparameterSearch" was aborted during "coarse"');
    expect(seen).toEqual(['coarse 1', 'coarse 2', 'coarse 3', 'coarse 4']);

    const resumed: string[] = [];
    const result = await hyperparameterSearch(
      { ...config, storage },
      { onProgress: (event) => resumed.push(`${event.stage} ${event.done}`) },
    );
    // The 4 finished trials are kept: the coarse stage runs the other 5.
    expect(resumed).toEqual([
      'coarse 5',
      'coarse 6',
      'coarse 7',
      'coarse 8',
      'coarse 9',
      'fine 1',
      'fine 2',
      'fine 3',
    ]);
    const [coarse, fine] = result.stages;
    expect(coarse!.leaderboard[0]!.learningRate).toBeCloseTo(1e-2, 12);
    expect(coarse!.edges.map((edge) => [edge.parameter, edge.side])).toContainEqual([
      'learningRate',
      'high',
    ]);
    expect(
      result.warnings.some((w) => w.startsWith('coarse stage: learningRate: the best value')),
    ).toBe(true);
    expect((fine!.space.learningRate as unknown as { high: number }).high).toBe(0);

    // Once finished, running it again runs nothing and gives the same results.
    const again: string[] = [];
    const repeated = await hyperparameterSearch(
      { ...config, storage },
      { onProgress: (event) => again.push(event.stage) },
    );
    expect(again).toEqual([]);
    expect(repeated.trials).toEqual(result.trials);
  });

  it('prunes trials whose loss diverges', async () => {
    // Grid of 2 points on 10^[-2, 1]: learning rates 0.01 and 10.
    const result = await hyperparameterSearch({
      ...config,
      sampler: { type: 'grid', points: 2 },
      learningRate: [-2, 1],
      coarseTrials: 4,
      fineTrials: 0,
    });
    const rows = result.trials.map((t) => [t.learningRate, t.state]);
    expect(rows).toEqual([
      [0.01, 'complete'],
      [0.01, 'complete'],
      [10, 'pruned'],
      [10, 'pruned'],
    ]);
    for (const trial of result.trials.filter((t) => t.state === 'pruned'))
      expect(trial.reason).toMatch(/^diverged: /);
    expect(result.warnings).toContain('coarse stage: 2 of 4 trials diverged and were pruned');
  });

  it('refuses to resume a search with other settings', async () => {
    const storage = join(directory, 'mismatch.jsonl');
    const small = { ...config, coarseTrials: 1, fineTrials: 0, storage };
    await hyperparameterSearch(small);
    await expect(hyperparameterSearch({ ...small, batchSize: 25 })).rejects.toThrow(
      'experiment "hyperparameterSearch": the storage holds a search named "hyperparameterSearch/coarse" run with a different batchSize',
    );
  });
});

describe('hyperparameterSearch on cpu', () => {
  it('trains any model config and skips an empty fine stage', async () => {
    await useBackend('cpu');
    const result = await hyperparameterSearch({
      trainSamples: 60,
      validationSamples: 40,
      batchSize: 20,
      model: { layers: [{ dense: 8, activation: 'tanh' }, { dense: 10 }] },
      coarseTrials: 3,
      fineTrials: 0,
    });
    expect(result.backend).toBe('cpu');
    expect(result.stages).toHaveLength(1);
    expect(result.trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete']);
    expect(result.best?.stage).toBe('coarse');
  });

  it('names a bad model layer with its path', async () => {
    await expect(
      hyperparameterSearch({
        model: { layers: [{ dense: 8, activation: 'rellu' }, { dense: 10 }] },
      }),
    ).rejects.toThrow(
      'experiment "hyperparameterSearch": option "model": layers[0].activation: unknown activation "rellu"',
    );
  });
});

const worker = fileURLToPath(new URL('../../dist/hyperparameter-worker.js', import.meta.url));

describe('hyperparameterSearch with worker processes', () => {
  // Workers run the built package (turbo builds it before the tests); without dist/ this
  // cannot run, so it is skipped rather than failing a test run from source.
  it.skipIf(!existsSync(worker))(
    'runs trials in 2 processes with the same results as in-process',
    async () => {
      await useBackend('wasm');
      const config = { trainSamples: 200, validationSamples: 100, coarseTrials: 4, fineTrials: 0 };
      const inProcess = await hyperparameterSearch(config);
      const pooled = await hyperparameterSearch({ ...config, workers: 2 });
      const values = (r: Result) => r.trials.map((t) => [t.number, t.state, t.valLoss]);
      expect(pooled.trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
      for (const [i, row] of values(pooled).entries()) {
        expect(row[1]).toBe(values(inProcess)[i]![1]);
        expect(row[2]).toBeCloseTo(values(inProcess)[i]![2] as number, 4);
      }
    },
  );
});
