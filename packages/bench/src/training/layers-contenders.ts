import { registerCpuMatMul, type Scalar, type Tensor, tf, unregisterCpuMatMul } from '@fanin/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { batchMatMulGradient, patchGradient } from '../attempts/matmul-gradient.js';
import { type TrainingContender, withInstalled } from './contender.js';
import { makeMlpData, type MlpSpec } from './reference-mlp.js';

/** The reference MLP in tfjs-layers: dense layers with fused ReLU, Glorot uniform kernels. */
export function layersMlp(spec: MlpSpec): tfl.Sequential {
  const model = tfl.sequential();
  for (let i = 1; i < spec.sizes.length; i++) {
    model.add(
      tfl.layers.dense({
        units: spec.sizes[i]!,
        activation: i < spec.sizes.length - 1 ? 'relu' : 'linear',
        ...(i === 1 ? { inputShape: [spec.sizes[0]!] } : {}),
      }),
    );
  }
  return model;
}

const crossEntropy = (targets: Tensor, logits: Tensor) =>
  tf.losses.softmaxCrossEntropy(targets, logits) as Scalar;

/**
 * Which matMul tfjs-layers trains with. `"tfjs"`: tfjs as it ships, as in a program without
 * fanin: tfjs's matMul gradient (matMul with transposeA/transposeB) and tfjs's cpu
 * BatchMatMul kernel. fanin replaced both in this process, and tfjs-layers takes gradients
 * and kernels from the same global registries, so the suite switches fanin's off around
 * these runs. `"fanin"`: fanin's gradient table and cpu kernel, which a tfjs-layers program
 * gets by importing @fanin/core and calling `useBackend`.
 */
export type MatMulSetup = 'tfjs' | 'fanin';

function withMatMul(contender: TrainingContender, setup: MatMulSetup): TrainingContender {
  if (setup === 'fanin') return contender;
  const tfjsMatMul = batchMatMulGradient(false).gradFunc;
  return withInstalled(contender, () => {
    const restoreGradient = patchGradient(tf.BatchMatMul, tfjsMatMul);
    unregisterCpuMatMul();
    return () => {
      restoreGradient();
      registerCpuMatMul();
    };
  });
}

/**
 * tfjs-layers `model.fit` with Adam and softmax cross-entropy (shuffled epochs, its default),
 * the Keras way of training in TensorFlow.js. Steps are whole epochs.
 */
export function layersFit(
  spec: MlpSpec,
  name = 'tfjs-layers fit',
  setup: MatMulSetup = 'tfjs',
): TrainingContender {
  const data = makeMlpData(spec);
  const model = layersMlp(spec);
  const optimizer = tf.train.adam(spec.learningRate);
  model.compile({ optimizer, loss: crossEntropy });
  let last = Number.NaN;
  const contender: TrainingContender = {
    name,
    stepMultiple: spec.batchesPerEpoch,
    async run(steps) {
      const epochs = Math.max(1, Math.round(steps / spec.batchesPerEpoch));
      const history = await model.fit(data.x, data.y, {
        batchSize: spec.batchSize,
        epochs,
        shuffle: true,
        verbose: 0,
        callbacks: {
          onBatchEnd: async (_batch, logs) => {
            last = Number(logs?.loss ?? Number.NaN);
          },
        },
      });
      if (!Number.isFinite(last)) last = Number(history.history.loss?.at(-1) ?? Number.NaN);
    },
    lastLoss: () => last,
    dispose() {
      model.dispose();
      optimizer.dispose();
      data.dispose();
    },
  };
  return withMatMul(contender, setup);
}

/**
 * A hand-written tfjs loop over a tfjs-layers model: `optimizer.minimize` of the loss of
 * `model.apply`, the loss read back with `dataSync`; the same work as `fanin step`.
 */
export function layersMinimize(
  spec: MlpSpec,
  name = 'tfjs-layers minimize',
  setup: MatMulSetup = 'tfjs',
): TrainingContender {
  const data = makeMlpData(spec);
  const model = layersMlp(spec);
  const optimizer = tf.train.adam(spec.learningRate);
  let batch = 0;
  let last = Number.NaN;
  const step = () => {
    const { x, y } = data.batches[batch++ % data.batches.length]!;
    const cost = optimizer.minimize(
      () => crossEntropy(y, model.apply(x, { training: true }) as Tensor),
      true,
    );
    if (cost) {
      last = cost.dataSync()[0]!;
      cost.dispose();
    }
  };
  const contender: TrainingContender = {
    name,
    stepMultiple: 1,
    async run(steps) {
      for (let i = 0; i < steps; i++) step();
    },
    lastLoss: () => last,
    dispose() {
      model.dispose();
      optimizer.dispose();
      data.dispose();
    },
  };
  return withMatMul(contender, setup);
}
