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
import {
  activationSpec,
  layerHistogramsSpec,
  parameterSpec,
  raceSpec,
} from '../.vitepress/theme/lib/charts.js';
import {
  batchNormLabConfig,
  batchNormLabExperiment,
  distributionExperiment,
} from '../.vitepress/theme/lib/classic-experiments.js';
import { registry } from '../.vitepress/theme/lib/demo-registry.js';
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
  const stds = async (
    initializer: { type: string } & Record<string, unknown>,
    activation: string,
  ) => {
    const result = await distributionExperiment({ initializer, activation, layers: 5, units: 100 });
    expect(result.backend).toBe('wasm');
    return result.cells[0]!.layers.map((layer) => layer.std!);
  };

  it('keeps relu activations steady with He and shrinks them with Xavier', async () => {
    const he = await stds({ type: 'heNormal' }, 'relu');
    const xavier = await stds({ type: 'xavierNormal' }, 'relu');
    expect(he[4]! / he[0]!).toBeGreaterThan(0.5);
    expect(he[4]! / he[0]!).toBeLessThan(2);
    // Each relu layer halves the second moment under 1/n weights: about (1/√2)^4 after 4 more layers.
    expect(xavier[4]! / xavier[0]!).toBeLessThan(0.35);
  });

  it('saturates sigmoid with std 1 and collapses tanh with std 0.01', async () => {
    const wide = await distributionExperiment({
      initializer: { type: 'normal', std: 1 },
      activation: 'sigmoid',
      layers: 5,
      units: 100,
    });
    expect(wide.cells[0]!.layers[4]!.shareSaturated).toBeGreaterThan(0.4);
    expect((await stds({ type: 'normal', std: 0.01 }, 'tanh'))[4]).toBeLessThan(1e-3);
  });

  it('facets one histogram per layer from the experiment bins', async () => {
    const result = await distributionExperiment({
      initializer: { type: 'heNormal' },
      activation: 'tanh',
      layers: 3,
      units: 20,
    });
    const spec = layerHistogramsSpec(result.histograms) as {
      data: { values: { layer: string }[] };
      columns: number;
    };
    expect(new Set(spec.data.values.map((bin) => bin.layer))).toEqual(
      new Set(['layer 1', 'layer 2', 'layer 3']),
    );
    expect(spec.columns).toBe(3);
  });
});

describe('batch norm lab', () => {
  it('is the batch-norm comparison experiment at one weight scale', () => {
    const config = batchNormLabConfig({ weightScale: 0.05, epochs: 3 });
    expect(config).toMatchObject({
      scales: 1,
      maxScale: 0.05,
      minScale: 0.05,
      normalization: 'batchNorm',
      epochs: 3,
    });
  });

  it('trains with batch norm where the plain network stays at chance (weight std 0.05)', async () => {
    const before = tf.memory().numTensors;
    const messages: string[] = [];
    const result = await batchNormLabExperiment({ weightScale: 0.05, epochs: 8 }, (event) =>
      messages.push(event.message ?? ''),
    );
    expect(messages).toHaveLength(2);
    const final = (variant: string) =>
      result.runs.find((run) =>
        variant === 'none' ? run.variant === 'none' : run.variant !== 'none',
      )!.final!;
    expect(final('none')).toBeLessThan(0.45);
    expect(final('batchNorm')).toBeGreaterThan(0.7);
    expect(tf.memory().numTensors).toBe(before);
    const spec = raceSpec(result.runs) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(2 * 2 * 8);
  });
});

describe('sweep viewer', () => {
  let lines: readonly string[] = [];

  it('runs a small sweep and writes its journal', async () => {
    const partial: number[] = [];
    lines = await runDemoSweep({ coarseTrials: 6, fineTrials: 3, seed: 7 }, (so) =>
      partial.push(so.length),
    );
    // The viewer refreshes as trials end: the journal only grows.
    expect(partial.length).toBeGreaterThanOrEqual(9);
    expect(partial).toEqual([...partial].sort((a, b) => a - b));
    expect(lines.length).toBeGreaterThan(9 * 3);
  });

  it('replays the journal: both stages, trials, leaderboard, axes and recorded metrics', async () => {
    const views = await viewJournal(parseJournal(lines.join('\n')));
    expect(views.map((study) => study.name)).toEqual(['spiral/coarse', 'spiral/fine']);
    expect(views[1]!.parent).toBe('spiral/coarse');
    expect(views[1]!.trials).toHaveLength(3);
    const view = views[0];
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

  it('reads a journal another tool wrote, its space from the distributions its trials record', async () => {
    // Without fanin's study settings, as Optuna would have written it: @fanin/search's
    // loadStudy opens it with the space its trials' distributions describe.
    const foreign = parseJournal(lines.join('\n')).filter(
      (record) =>
        !(
          record.op_code === JournalOperation.SET_STUDY_SYSTEM_ATTR &&
          'fanin:study' in ((record as { system_attr?: object }).system_attr ?? {})
        ),
    );
    const [view] = await viewJournal(foreign);
    expect(view!.parent).toBeUndefined();
    expect(view!.report?.counts.total).toBe(6);
    expect(studyLeaderboard(view!).length).toBeGreaterThan(0);
    expect(view!.parameters.find((axis) => axis.name === 'learningRate')?.log).toBe(true);
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
