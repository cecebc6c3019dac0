// Getting started: a coarse-to-fine sweep of learning rate and weight decay.
// #region sweep
import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, fit, tf, useBackend } from '@fanin/core';
import { makeSpiral, splitDataset } from '@fanin/datasets';
import { initializers } from '@fanin/initializers';
import {
  createStudy,
  divergence,
  formatStageReport,
  type Objective,
  type ParamsOf,
  pow10,
} from '@fanin/search';

await useBackend('wasm');
const fanin = createRegistry({ plugins: [core, activations, initializers] });
const data = makeSpiral({ classes: 3, pointsPerClass: 100, seed: 3 });
const { train, validation } = splitDataset(data, {
  train: 0.7,
  validation: 0.3,
  stratify: true,
  seed: 3,
});

// Learning rate 10^U(-4, 0) and weight decay 10^U(-6, -2): uniform in the exponent.
const space = { learningRate: pow10(-4, 0), weightDecay: pow10(-6, -2) };

const coarse = await createStudy({
  name: 'spiral/coarse',
  space,
  direction: 'minimize',
  epochs: 3,
  seed: 7,
  pruner: divergence(), // stops a trial whose loss goes NaN or above 3x its first value
});

// One trial: train with the sampled parameters, report the validation loss every epoch (the
// pruner reads it), return the last one.
const objective: Objective<ParamsOf<typeof space>> = async (trial) => {
  const model = buildModel(
    {
      inputShape: [2],
      layers: [{ dense: 32, activation: 'relu', init: 'heNormal' }, { dense: 3 }],
    },
    { registry: fanin, seed: trial.seed },
  );
  const optimizer = fanin.optimizer('momentum', trial.params);
  try {
    const history = await fit(model, train, {
      epochs: trial.epochs ?? 1,
      optimizer,
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
      seed: trial.seed,
      callbacks: [
        { onEpochEnd: ({ epoch, logs }) => trial.report(epoch, logs.val_loss ?? Number.NaN) },
      ],
    });
    return history.logs.val_loss?.at(-1) ?? Number.NaN;
  } finally {
    optimizer.dispose();
    model.dispose();
  }
};

await coarse.optimize(objective, { trials: 12 });
console.log(formatStageReport(await coarse.report()));

// Fine stage: ranges narrowed around the best coarse trials, longer runs.
const fine = await coarse.nextStage({ epochs: 6 });
await fine.optimize(objective, { trials: 6 });
console.log(await fine.bestParams());
// #endregion sweep

tf.dispose([data.x, data.y, train.x, train.y, validation.x, validation.y]);
export { coarse, fine };
