import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, useBackend } from '../src/backend/backend.js';
import { buildModel } from '../src/modules/model-config.js';
import { FunctionModule } from '../src/modules/module.js';
import { core } from '../src/plugin.js';
import { defineActivation } from '../src/registry/entry.js';
import { definePlugin } from '../src/registry/plugin.js';
import { createRegistry } from '../src/registry/registry.js';
import { fit } from '../src/training/fit.js';
import { blobs } from './blobs.js';

/** relu, registered locally so that this run needs no other fanin package. */
const parityParts = definePlugin({
  name: '@test/parity-parts',
  activations: {
    relu: defineActivation({
      description: 'max(0, x)',
      options: {},
      metadata: {
        range: [0, Number.POSITIVE_INFINITY],
        zeroCentered: false,
        saturating: false,
        smooth: false,
        monotonic: true,
        recommendedInitializer: 'heNormal',
        gain: () => Math.SQRT2,
      },
      create: () => new FunctionModule('relu', (x) => tf.relu(x)),
    }),
  },
});

/** The model of the parity run: two hidden relu layers on 8 features, 3 classes. */
export const PARITY_MODEL = {
  inputShape: [8],
  seed: 2024,
  layers: [{ dense: 16, activation: 'relu' }, { dense: 16, activation: 'relu' }, { dense: 3 }],
};

/**
 * A small deterministic training run (model from a config, 3 blobs, Adam, 3 epochs of
 * shuffled mini-batches with a partial last batch) on the given backend. Returns the
 * per-epoch training losses; any two backends must agree within 1e-4. Plain function so the
 * browser suite can run it on webgl.
 */
export async function parityRun(backend: BackendName): Promise<number[]> {
  await useBackend(backend);
  const registry = createRegistry({ plugins: [core, parityParts] });
  const data = blobs(150, { features: 8, classes: 3, spread: 1.5, seed: 5 });
  const model = buildModel(PARITY_MODEL, { registry });
  const optimizer = registry.optimizer('adam', { learningRate: 0.01 });
  try {
    const history = await fit(model, data, {
      epochs: 3,
      batchSize: 32,
      optimizer,
      loss: registry.loss('softmaxCrossEntropy'),
      seed: 9,
    });
    return history.logs.loss ?? [];
  } finally {
    optimizer.dispose();
    model.dispose();
    tf.dispose([data.x, data.y]);
  }
}
