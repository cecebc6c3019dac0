// The demos' computations, run in Node on wasm: the browser test checks that they run on
// webgl; these check that what they compute is right.
import { tf, useBackend } from '@fanin/core';
import { JournalOperation, stringifyPythonJson } from '@fanin/search';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activationCurves,
  grid,
  isElementwise,
} from '../.vitepress/theme/lib/activation-curves.js';
import { batchNormRace, raceModelConfig } from '../.vitepress/theme/lib/batch-norm-race.js';
import {
  activationSpec,
  layerHistogramsSpec,
  parameterSpec,
  raceSpec,
} from '../.vitepress/theme/lib/charts.js';
import { registry } from '../.vitepress/theme/lib/demo-registry.js';
import {
  binEdges,
  histogram,
  layerDistributions,
} from '../.vitepress/theme/lib/layer-distributions.js';
import {
  parseJournal,
  runDemoSweep,
  studyLeaderboard,
  viewJournal,
} from '../.vitepress/theme/lib/sweep.js';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('activation explorer', () => {
  it('draws relu and its derivative (0 at the kink, as PyTorch)', async () => {
    const x = grid(2, 5);
    expect(x).toEqual([-2, -1, 0, 1, 2]);
    const curves = await activationCurves(registry, 'relu', {}, x);
    expect(curves.y).toEqual([0, 0, 0, 1, 2]);
    expect(curves.dy).toEqual([0, 0, 0, 1, 1]);
  });

  it("differentiates with the entry's options", async () => {
    const curves = await activationCurves(registry, 'leakyRelu', { alpha: 0.2 }, [-1, 3]);
    expect(curves.y[0]).toBeCloseTo(-0.2, 6);
    expect(curves.dy).toEqual([expect.closeTo(0.2, 6), 1]);
    const tanh = await activationCurves(registry, 'tanh', {}, [0.5]);
    expect(tanh.dy[0]).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 6);
  });

  it('rejects an invalid option with the registry message', async () => {
    await expect(activationCurves(registry, 'leakyRelu', { alpha: -1 }, [0])).rejects.toThrow(
      'option "alpha" must be a number >= 0',
    );
  });

  it('offers only functions of one number', () => {
    const elementwise = (name: string) =>
      isElementwise(registry, registry.info('activation', name));
    expect(elementwise('sigmoid')).toBe(true);
    expect(elementwise('prelu')).toBe(true);
    expect(elementwise('softmax')).toBe(false);
    expect(elementwise('logSoftmax')).toBe(false);
    expect(elementwise('maxout')).toBe(false);
  });

  it('plots both curves, dropping non-finite values', () => {
    const spec = activationSpec('f', [0, 1], [0, Number.POSITIVE_INFINITY], [1, 1]) as {
      data: { values: { value: number | null }[] };
    };
    expect(spec.data.values).toHaveLength(4);
    expect(spec.data.values[2]!.value).toBeNull();
  });
});

describe('distribution lab', () => {
  const settings = {
    activation: 'relu',
    depth: 5,
    width: 100,
    samples: 1000,
    bins: 30,
    seed: 1,
  } as const;

  it('bins values on shared edges', () => {
    expect(binEdges([0, 1], -5, 5, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(binEdges([0, Number.POSITIVE_INFINITY], 0, 8, 4)).toEqual([0, 2, 4, 6, 8]);
    expect(histogram([0, 0.1, 0.5, 1, 1.5, -3], [0, 0.5, 1])).toEqual([3, 3]);
  });

  it('keeps relu activations steady with He and shrinks them with Xavier', async () => {
    const he = await layerDistributions(registry, {
      ...settings,
      initializer: { type: 'heNormal' },
    });
    const xavier = await layerDistributions(registry, {
      ...settings,
      initializer: { type: 'lecunNormal' },
    });
    const heStd = he.layers.map((layer) => layer.std);
    const xavierStd = xavier.layers.map((layer) => layer.std);
    expect(heStd[4]! / heStd[0]!).toBeGreaterThan(0.5);
    expect(heStd[4]! / heStd[0]!).toBeLessThan(2);
    // Each relu layer halves the second moment under 1/n weights: about (1/√2)^4 after 4 more layers.
    expect(xavierStd[4]! / xavierStd[0]!).toBeLessThan(0.35);
    for (const layer of he.layers) expect(layer.counts.reduce((a, b) => a + b, 0)).toBe(100_000);
  });

  it('saturates sigmoid with std 1 and collapses tanh with std 0.01', async () => {
    const wide = await layerDistributions(registry, {
      ...settings,
      activation: 'sigmoid',
      initializer: { type: 'normal', std: 1 },
    });
    expect(wide.edges[0]).toBe(0);
    expect(wide.edges.at(-1)).toBe(1);
    expect(wide.layers[4]!.saturated).toBeGreaterThan(0.5);
    const narrow = await layerDistributions(registry, {
      ...settings,
      activation: 'tanh',
      initializer: { type: 'normal', std: 0.01 },
    });
    expect(narrow.layers[4]!.std).toBeLessThan(1e-3);
    expect(narrow.layers[4]!.saturated).toBe(0);
  });

  it('shows zero initialization as every unit dead (identical for every sample)', async () => {
    const zeros = await layerDistributions(registry, {
      ...settings,
      depth: 2,
      initializer: { type: 'zeros' },
    });
    expect(zeros.layers.map((layer) => layer.dead)).toEqual([1, 1]);
  });

  it('facets one histogram per layer', () => {
    const spec = layerHistogramsSpec(
      [0, 1, 2],
      [
        { layer: 1, counts: [3, 4] },
        { layer: 2, counts: [5, 6] },
      ],
    ) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(4);
  });
});

describe('batch norm lab', () => {
  it('builds the two contenders from one config, with batch norm only in the second', () => {
    const settings = {
      weightScale: 0.05,
      depth: 3,
      width: 8,
      epochs: 1,
      learningRate: 0.05,
      batchSize: 32,
      seed: 1,
    };
    const plain = raceModelConfig('plain', settings);
    const normalized = raceModelConfig('batchNorm', settings);
    expect(plain.layers).toHaveLength(4);
    expect(plain.layers.filter((layer) => 'norm' in layer)).toHaveLength(0);
    expect(normalized.layers.filter((layer) => 'norm' in layer)).toHaveLength(3);
    expect(normalized.layers[0]).toMatchObject({ init: { type: 'normal', std: 0.05 } });
  });

  it('trains with batch norm where the plain network stays at chance (weight std 0.05)', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const points = await batchNormRace(
      registry,
      {
        weightScale: 0.05,
        depth: 5,
        width: 64,
        epochs: 8,
        learningRate: 0.05,
        batchSize: 32,
        seed: 1,
      },
      (point) => seen.push(point.contender),
    );
    expect(seen).toEqual([...Array(8).fill('plain'), ...Array(8).fill('batchNorm')]);
    const last = (contender: string) =>
      points.filter((point) => point.contender === contender).at(-1)!;
    expect(last('plain').valAccuracy).toBeLessThan(0.45);
    expect(last('batchNorm').valAccuracy).toBeGreaterThan(0.7);
    expect(tf.memory().numTensors).toBe(before);
    const spec = raceSpec(points) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(32);
  });
});

describe('sweep viewer', () => {
  let lines: readonly string[] = [];

  it('runs a small sweep and writes its journal', async () => {
    const partial: number[] = [];
    lines = await runDemoSweep(registry, { trials: 6, epochs: 2, seed: 7 }, (so) =>
      partial.push(so.length),
    );
    expect(partial).toHaveLength(6);
    expect(lines.length).toBeGreaterThan(6 * 3);
  });

  it('replays the journal: trials, leaderboard, axes and recorded metrics', async () => {
    const [view] = await viewJournal(parseJournal(lines.join('\n')));
    expect(view!.name).toBe('spiral/coarse');
    expect(view!.direction).toBe('minimize');
    expect(view!.trials).toHaveLength(6);
    expect(view!.parameters.map((axis) => [axis.name, axis.log])).toEqual([
      ['learningRate', true],
      ['weightDecay', true],
    ]);
    expect(view!.parameters[0]).toMatchObject({ min: expect.closeTo(1e-4, 12), max: 1 });
    expect(view!.metrics).toContain('valAccuracy');
    const board = studyLeaderboard(view!);
    const values = board.map((row) => row.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(view!.report?.counts.total).toBe(6);
  });

  it('reads a journal another tool wrote, inferring log axes', async () => {
    // Without fanin's study settings, as Optuna would have written it.
    const foreign = parseJournal(lines.join('\n')).filter(
      (record) =>
        !(
          record.op_code === JournalOperation.SET_STUDY_SYSTEM_ATTR &&
          'fanin:study' in ((record as { system_attr?: object }).system_attr ?? {})
        ),
    );
    const [view] = await viewJournal(foreign);
    expect(view!.report).toBeUndefined();
    expect(studyLeaderboard(view!).length).toBeGreaterThan(0);
    expect(view!.parameters.find((axis) => axis.name === 'learningRate')).toBeDefined();
  });

  it('names the line of a broken journal', () => {
    const text = `${stringifyPythonJson({ op_code: 0, worker_id: 'w', study_name: 's', directions: [1] })}\n{oops\n`;
    expect(() => parseJournal(text)).toThrow('line 2 of the journal is not JSON');
    expect(() => parseJournal('\n\n')).toThrow('the journal is empty');
  });

  it('plots a parameter on a log axis when its range is searched in the exponent', () => {
    const spec = parameterSpec('learningRate', 'valAccuracy', true, [
      { number: 0, x: 0.1, y: 0.9, state: 'complete' },
    ]) as { encoding: { x: { scale: { type: string } } } };
    expect(spec.encoding.x.scale.type).toBe('log');
  });
});
