import { activations } from '@fanin/activations';
import { buildModel, core, createRegistry, fit, type Scalar, type Tensor, tf } from '@fanin/core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { TrainingContender } from './contender.js';
import { type CnnSpec, cnnModelConfig, makeCnnData } from './reference-cnn.js';

/** fanin's `fit` on the reference CNN built from its JSON config. Steps are whole epochs. */
export function faninCnnFit(spec: CnnSpec, name = 'fanin fit'): TrainingContender {
  const registry = createRegistry({ plugins: [core, activations] });
  const data = makeCnnData(spec);
  const model = buildModel(cnnModelConfig(spec), { registry });
  const optimizer = registry.optimizer('adam', { learningRate: spec.learningRate });
  const loss = registry.loss('softmaxCrossEntropy');
  let last = Number.NaN;
  let epochs = 0;
  return {
    name,
    stepMultiple: spec.batchesPerEpoch,
    async run(steps) {
      const count = Math.max(1, Math.round(steps / spec.batchesPerEpoch));
      await fit(
        model,
        { x: data.x, y: data.y },
        {
          epochs: count,
          batchSize: spec.batchSize,
          optimizer,
          loss,
          seed: spec.seed + epochs,
          callbacks: [
            {
              onBatchEnd: (context) => {
                last = context.logs.loss ?? Number.NaN;
              },
            },
          ],
        },
      );
      epochs += count;
    },
    lastLoss: () => last,
    dispose() {
      model.dispose();
      optimizer.dispose();
      data.dispose();
    },
  };
}

/** The reference CNN in tfjs-layers (Glorot uniform kernels, fused relu, NHWC). */
export function layersCnn(spec: CnnSpec): tfl.Sequential {
  const conv = (filters: number, first: boolean) =>
    tfl.layers.conv2d({
      filters,
      kernelSize: spec.kernelSize,
      padding: 'same',
      activation: 'relu',
      ...(first ? { inputShape: [...spec.image] } : {}),
    });
  return tfl.sequential({
    layers: [
      conv(spec.filters[0], true),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(spec.filters[1], false),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: spec.classes }),
    ],
  });
}

/** tfjs-layers `model.fit` with Adam and softmax cross-entropy. Steps are whole epochs. */
export function layersCnnFit(spec: CnnSpec, name = 'tfjs-layers fit'): TrainingContender {
  const data = makeCnnData(spec);
  const model = layersCnn(spec);
  const optimizer = tf.train.adam(spec.learningRate);
  model.compile({
    optimizer,
    loss: (targets: Tensor, logits: Tensor) =>
      tf.losses.softmaxCrossEntropy(targets, logits) as Scalar,
  });
  let last = Number.NaN;
  return {
    name,
    stepMultiple: spec.batchesPerEpoch,
    async run(steps) {
      const epochs = Math.max(1, Math.round(steps / spec.batchesPerEpoch));
      await model.fit(data.x, data.y, {
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
    },
    lastLoss: () => last,
    dispose() {
      model.dispose();
      optimizer.dispose();
      data.dispose();
    },
  };
}
