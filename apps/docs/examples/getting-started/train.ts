// Getting started: a registry, a model from a config, training and evaluation.
// #region imports
import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, evaluate, fit, useBackend } from '@fanin/core';
import { makeSpiral, splitDataset } from '@fanin/datasets';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';
// #endregion imports

// #region backend
// 'wasm' is the fast choice in Node, 'webgl' in a browser; 'cpu' works everywhere.
await useBackend('wasm');
// #endregion backend

// #region registry
const fanin = createRegistry({ plugins: [core, activations, initializers, normalization] });
// #endregion registry

// #region model
const model = buildModel(
  {
    inputShape: [2],
    seed: 1,
    layers: [
      { dense: 64, activation: 'relu', init: 'heNormal', norm: 'batchNorm', bias: false },
      { dense: 64, activation: 'relu', init: 'heNormal', norm: 'batchNorm', bias: false },
      { dense: 3 },
    ],
  },
  { registry: fanin },
);
// #endregion model

// #region train
const data = makeSpiral({ classes: 3, pointsPerClass: 200, seed: 1 });
const { train, validation } = splitDataset(data, {
  train: 0.8,
  validation: 0.2,
  stratify: true,
  seed: 1,
});

const loss = fanin.loss('softmaxCrossEntropy');
const history = await fit(model, train, {
  epochs: 30,
  batchSize: 32,
  optimizer: fanin.optimizer('adam', { learningRate: 0.01 }),
  loss,
  metrics: ['accuracy'],
  validationData: validation,
  seed: 1,
});
console.log(
  `validation accuracy after ${history.epochs} epochs: ${history.logs.val_accuracy?.at(-1)}`,
);
// #endregion train

// #region evaluate
const scores = await evaluate(model, validation, { loss, metrics: ['accuracy'] });
console.log(scores); // { loss: ..., accuracy: ... }
// #endregion evaluate

export { history, model, scores };
