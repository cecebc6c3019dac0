import {
  type CallbackContext,
  core,
  createRegistry,
  Dense,
  fit,
  type Optimizer,
  Random,
  Sequential,
  tf,
  useBackend,
} from '@fanin/core';
import { countLeaks } from '@fanin/core/testing';
import { describe, expect, it } from 'vitest';
import { divergence } from '../pruners/divergence.js';
import { logUniform } from '../space/log-uniform.js';
import type { JsonValue } from '../storage/storage.js';
import { createStudy } from '../create-study.js';
import type { TrialHandle } from '../trial.js';
import { type HealthRecord, healthCallback } from './health-callback.js';

/** A trial that records what the callback does with it. */
function recordingTrial(pruneAt?: number) {
  const reports: [number, number][] = [];
  const attrs: Record<string, JsonValue> = {};
  const trial: TrialHandle = {
    number: 0,
    attempt: 1,
    params: {},
    epochs: 3,
    seed: 0,
    async report(step, value) {
      reports.push([step, value]);
    },
    async shouldPrune() {
      return (
        pruneAt !== undefined && reports.length > 0 && reports[reports.length - 1]![0] >= pruneAt
      );
    },
    async setUserAttr(key, value) {
      attrs[key] = value;
    },
  };
  return { trial, reports, attrs };
}

function mlp(seed: number) {
  const random = new Random(seed);
  const model = new Sequential([
    new Dense({ units: 8, random: random.fork('a') }),
    new Dense({ units: 1, random: random.fork('b') }),
  ]);
  model.ensureBuilt([4, 3]);
  return model;
}

/** An "optimizer" that scales every parameter by (1 + 1e-3): the update ratio is exactly 1e-3. */
const scaling: Optimizer = {
  name: 'scale',
  learningRate: 1e-3,
  iterations: 0,
  step(parameters) {
    for (const variable of parameters.values()) {
      const next = tf.tidy(() => tf.mul(variable, 1 + 1e-3));
      variable.assign(next);
      next.dispose();
    }
  },
  dispose() {},
};

/** A small hand-written loop calling the hooks as fit does. */
async function fakeLoop(
  callback: ReturnType<typeof healthCallback>,
  epochs: number,
  batches: number,
  losses: (step: number) => number,
) {
  const model = mlp(1);
  let step = 0;
  let stopped: string | undefined;
  const context = (
    epoch: number,
    batch: number,
    logs: Record<string, number>,
  ): CallbackContext => ({
    model,
    optimizer: scaling,
    epoch,
    batch,
    step,
    logs,
    stop: (reason) => {
      stopped ??= reason;
    },
  });
  outer: for (let epoch = 0; epoch < epochs; epoch++) {
    let sum = 0;
    for (let batch = 0; batch < batches; batch++) {
      await callback.onBeforeStep(context(epoch, batch, {}));
      scaling.step(model.namedParameters(), new Map());
      step++;
      await callback.onAfterStep(context(epoch, batch, {}));
      const loss = losses(step);
      sum += loss;
      await callback.onBatchEnd(context(epoch, batch, { loss }));
      if (stopped) break outer;
    }
    await callback.onEpochEnd(
      context(epoch, batches - 1, { loss: sum / batches, val_loss: sum / batches + 0.1 }),
    );
    if (stopped) break;
  }
  await callback.onTrainEnd(context(0, 0, {}));
  model.dispose();
  return stopped;
}

describe.each(['cpu', 'wasm'] as const)('healthCallback on %s', (backend) => {
  it('measures update/parameter ratios per layer every N steps and records the curve', async () => {
    await useBackend(backend);
    const { trial, reports, attrs } = recordingTrial();
    const leaks = await countLeaks(async () => {
      await fakeLoop(healthCallback(trial, { every: 4 }), 3, 5, (step) => 1 / step);
    });
    expect(leaks).toBe(0);
    const health = attrs.health as unknown as HealthRecord;
    expect(health.steps).toEqual([0, 4, 8, 12]);
    expect(Object.keys(health.layers)).toEqual(['0', '1']);
    for (const layer of Object.values(health.layers)) {
      expect(layer.updateRatio).toHaveLength(4);
      for (const ratio of layer.updateRatio) expect(Math.abs(ratio - 1e-3)).toBeLessThan(1e-6);
      expect(layer.parameterNorm[1]! / layer.parameterNorm[0]!).toBeCloseTo(1.001 ** 4, 5);
    }
    expect(health.medianUpdateRatio['0']).toBeCloseTo(1e-3, 5);
    expect(health.nonFiniteStep).toBeNull();
    // val_loss is monitored when present.
    expect(reports.map(([step]) => step)).toEqual([0, 1, 2]);
    expect(reports[0]![1]).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5) / 5 + 0.1, 6);
    const curve = attrs.learningCurve as Record<string, number[]>;
    expect(curve.epoch).toEqual([0, 1, 2]);
    expect(curve.loss).toHaveLength(3);
  });

  it('stops training when the pruner says so, and at the first non-finite loss', async () => {
    await useBackend(backend);
    const pruned = recordingTrial(1);
    expect(await fakeLoop(healthCallback(pruned.trial, { monitor: 'loss' }), 5, 2, () => 1)).toBe(
      'pruned at epoch 1',
    );
    expect(pruned.reports.map(([step]) => step)).toEqual([0, 1]);

    const diverged = recordingTrial();
    const reason = await fakeLoop(healthCallback(diverged.trial), 5, 4, (step) =>
      step === 6 ? Number.NaN : 1,
    );
    expect(reason).toBe('stopped: loss NaN at step 6');
    expect(diverged.reports[diverged.reports.length - 1]).toEqual([1, Number.NaN]);
    expect((diverged.attrs.health as unknown as HealthRecord).nonFiniteStep).toBe(6);
  });
});

describe('healthCallback with fit', () => {
  const fanin = createRegistry({ plugins: [core] });

  async function trainTrial(learningRate: number, trial: TrialHandle) {
    const random = new Random(trial.seed);
    const x = random.normalTensor([64, 3]);
    const y = tf.tidy(() => tf.sum(tf.mul(x, tf.tensor1d([1, -2, 0.5])), 1, true));
    const model = mlp(trial.seed);
    const history = await fit(
      model,
      { x, y },
      {
        epochs: trial.epochs!,
        batchSize: 16,
        optimizer: fanin.optimizer('sgd', { learningRate }),
        loss: fanin.loss('meanSquaredError'),
        metrics: [],
        callbacks: [healthCallback(trial, { every: 2 })],
      },
    );
    tf.dispose([x, y]);
    model.dispose();
    return history.logs.loss![history.logs.loss!.length - 1]!;
  }

  it('journals curves and health, and prunes a diverging trial through the study', async () => {
    await useBackend('cpu');
    const study = await createStudy({
      space: { learningRate: logUniform(1e-3, 1) },
      epochs: 4,
      pruner: divergence(),
    });
    const healthy = await study.ask();
    await study.tell(healthy, await trainTrial(0.01, healthy));
    const exploding = await study.ask();
    await study.tell(exploding, await trainTrial(3, exploding));
    const [good, bad] = await study.trials();
    expect(good!.state).toBe('complete');
    expect(good!.intermediateValues.size).toBe(4);
    const health = good!.userAttrs.health as unknown as HealthRecord;
    expect(health.steps).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    for (const ratio of health.layers['0']!.updateRatio) expect(ratio).toBeGreaterThan(1e-5);
    expect((good!.userAttrs.learningCurve as { loss: number[] }).loss).toHaveLength(4);
    expect(bad!.state).toBe('pruned');
    expect(bad!.reason).toMatch(/^diverged: value (NaN|Infinity|[\d.e+]+) at step \d/);
  });
});
