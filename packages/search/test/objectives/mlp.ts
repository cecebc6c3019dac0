// The objective of the end-to-end test, written as a user would: an MLP on a synthetic
// classification task (3 classes from a fixed random teacher network), trained with
// @fanin/core's fit and SGD with weight decay, with healthCallback recording the trial's
// training health and pruning it through the study. Workers load it through the test's
// TypeScript loader (execArgv: ['--import', register-source.mjs]).
import {
  core,
  createRegistry,
  Dense,
  fit,
  FunctionModule,
  type Initializer,
  Random,
  Sequential,
  type Tensor,
  tf,
  useBackend,
} from '@fanin/core';
import { healthCallback, type TrialHandle } from '@fanin/search';

const fanin = createRegistry({ plugins: [core] });

const ACTIVATIONS: Record<string, (x: Tensor) => Tensor> = {
  relu: tf.relu,
  tanh: tf.tanh,
  elu: tf.elu,
};

function normalInitializer(
  name: string,
  std: (fanIn: number, fanOut: number) => number,
): Initializer {
  return {
    name,
    init: (shape, { random }) => random.normalTensor(shape, 0, std(shape[0] ?? 1, shape[1] ?? 1)),
  };
}

const INITIALIZERS: Record<string, Initializer> = {
  heNormal: normalInitializer('heNormal', (fanIn) => Math.sqrt(2 / fanIn)),
  glorotNormal: normalInitializer('glorotNormal', (fanIn, fanOut) =>
    Math.sqrt(2 / (fanIn + fanOut)),
  ),
};

function dataset(seed: number, count: number) {
  const random = new Random(seed);
  const teacher = new Random(1234);
  return tf.tidy(() => {
    const x = random.normalTensor([count, 8]);
    const w1 = teacher.normalTensor([8, 16], 0, 1);
    const w2 = teacher.normalTensor([16, 3], 0, 1);
    const labels = tf.argMax(tf.matMul(tf.tanh(tf.matMul(x, w1)), w2), 1);
    return { x, y: tf.oneHot(labels, 3) };
  });
}

type Params = {
  learningRate: number;
  weightDecay: number;
  activation: string;
  initializer: string;
};

export async function objective(trial: TrialHandle<Params>): Promise<number> {
  await useBackend('cpu');
  const { learningRate, weightDecay, activation, initializer } = trial.params;
  const random = new Random(trial.seed);
  const layer = (units: number, index: number) =>
    new Dense({
      units,
      kernelInitializer: INITIALIZERS[initializer]!,
      random: random.fork('layer', index),
    });
  const act = () => new FunctionModule(activation, ACTIVATIONS[activation]!);
  const model = new Sequential([layer(32, 0), act(), layer(32, 1), act(), layer(3, 2)]);
  const train = dataset(1, 384);
  const validation = dataset(2, 128);
  try {
    const history = await fit(model, train, {
      epochs: trial.epochs ?? 2,
      batchSize: 32,
      optimizer: fanin.optimizer('sgd', { learningRate, weightDecay }),
      loss: fanin.loss('softmaxCrossEntropy'),
      validationData: validation,
      seed: trial.seed,
      callbacks: [healthCallback(trial, { every: 4 })],
    });
    const losses = history.logs.val_loss ?? [];
    return losses[losses.length - 1] ?? Number.NaN;
  } finally {
    tf.dispose([train.x, train.y, validation.x, validation.y]);
    model.dispose();
  }
}
