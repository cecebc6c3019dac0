import { buildModel, core, createRegistry, fit, tf, useBackend } from '@fanin/core';
import { activations } from '@fanin/activations';
import { type Dataset, loadMnist, splitDataset } from '@fanin/datasets';
import { initializers } from '@fanin/initializers';
import { normalization } from '@fanin/normalization';
import { pow10 } from '@fanin/search';
import type { SamplerProblem } from './sampler-efficiency.js';

/** The model of apps/cli/examples/model.json: 784-100-100(batch norm)-10, ReLU, He init. */
const MODEL = {
  inputShape: [784],
  seed: 1,
  layers: [
    { dense: 100, activation: 'relu', init: 'heNormal' },
    { dense: 100, activation: 'relu', init: 'heNormal', norm: 'batchNorm' },
    { dense: 10, init: { type: 'normal', std: 0.01 } },
  ],
};

export interface SweepExampleSize {
  /** Trials per run. */
  readonly trials: number;
  readonly train: number;
  readonly validation: number;
  readonly epochs: number;
  readonly batchSize: number;
}

/**
 * A small version of the repo's sweep example (apps/cli/examples/sweep.json): learning rate
 * pow10(-6, -2) and weight decay pow10(-8, -4) of Adam on the example's MLP, trained on a
 * small MNIST split on the wasm backend; the value is the validation loss after training.
 * Its minimum is not known: regrets are measured from the best value any run found.
 */
export async function sweepExampleProblem(size: SweepExampleSize): Promise<SamplerProblem> {
  await useBackend('wasm');
  const registry = createRegistry({ plugins: [core, activations, initializers, normalization] });
  const mnist = await loadMnist();
  const { train, validation } = splitDataset(mnist, {
    train: size.train,
    validation: size.validation,
    seed: 0,
  }) as { train: Dataset; validation: Dataset };
  tf.dispose([mnist.x, mnist.y]);
  return {
    name: 'sweep example',
    description: `MNIST MLP 784-100-100(bn)-10, Adam lr pow10(-6, -2) x weightDecay pow10(-8, -4), ${size.train} train / ${size.validation} validation, ${size.epochs} epoch${size.epochs === 1 ? '' : 's'} of batch ${size.batchSize}; validation loss`,
    space: { learningRate: pow10(-6, -2), weightDecay: pow10(-8, -4) },
    objective: async (params) => {
      const model = buildModel(MODEL, { registry });
      try {
        const history = await fit(model, train, {
          epochs: size.epochs,
          batchSize: size.batchSize,
          optimizer: registry.optimizer('adam', {
            learningRate: params.learningRate as number,
            weightDecay: params.weightDecay as number,
          }),
          loss: registry.loss('softmaxCrossEntropy'),
          validationData: validation,
          seed: 0,
        });
        const loss = history.logs.val_loss?.at(-1);
        return typeof loss === 'number' && Number.isFinite(loss) ? loss : Number.NaN;
      } finally {
        model.dispose();
      }
    },
    minimum: undefined,
    target: 0.05,
    trials: size.trials,
    samplers: ['random', 'sobol', 'tpe'],
    dispose: () => tf.dispose([train.x, train.y, validation.x, validation.y]),
  };
}
