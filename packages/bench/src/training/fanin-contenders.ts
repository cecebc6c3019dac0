import { activations } from '@fanin/activations';
import {
  buildModel,
  core,
  createRegistry,
  Dense,
  fit,
  type Loss,
  type Module,
  type Optimizer,
  Random,
  Sequential,
  type Tensor,
  tf,
  valueAndGrad,
} from '@fanin/core';
import type { TrainingContender } from './contender.js';
import { type BatchSource, presliced } from './batch-source.js';
import { type MlpData, makeMlpData, type MlpSpec } from './reference-mlp.js';

/** The registry the fanin contenders build from: core (adam, losses) and the activations. */
export function benchRegistry() {
  return createRegistry({ plugins: [core, activations] });
}

/**
 * The reference MLP with fanin's public API, as a model config (what `fanin train --config`
 * and the README's pipeline build): `{ dense, activation: 'relu' }` layers, the last linear.
 */
export function faninMlp(spec: MlpSpec, registry = benchRegistry()): Sequential {
  const model = buildModel(
    {
      inputShape: [spec.sizes[0]!],
      seed: spec.seed,
      layers: spec.sizes
        .slice(1)
        .map((units, i) =>
          i < spec.sizes.length - 2 ? { dense: units, activation: 'relu' } : { dense: units },
        ),
    },
    { registry },
  );
  model.ensureBuilt([spec.batchSize, spec.sizes[0]!]);
  return model;
}

/**
 * The reference MLP composed by hand: `Dense` modules with the registry's relu modules in
 * between (a bias-fused dense kernel, the activation its own op).
 */
export function faninComposedMlp(spec: MlpSpec, registry = benchRegistry()): Sequential {
  const random = new Random(spec.seed).fork('bench', 'model');
  const layers: Module[] = [];
  for (let i = 1; i < spec.sizes.length; i++) {
    layers.push(new Dense({ units: spec.sizes[i]!, random: random.fork(i), path: `layers.${i}` }));
    if (i < spec.sizes.length - 1) layers.push(registry.activation('relu'));
  }
  const model = new Sequential(layers);
  model.ensureBuilt([spec.batchSize, spec.sizes[0]!]);
  return model;
}

/** What a fanin contender may swap out (the speed experiments do). */
export interface FaninParts {
  readonly model?: (spec: MlpSpec) => Module;
  readonly optimizer?: (spec: MlpSpec) => Optimizer;
  /** Read the loss back after every step (default true, as a training loop does). */
  readonly readLoss?: boolean;
  /** Where batches come from (default: sliced once, taken in order). */
  readonly batches?: (data: MlpData, spec: MlpSpec) => BatchSource;
}

/**
 * fanin's hand-written loop, as a PyTorch user writes it: `valueAndGrad` of the loss over
 * `model.namedParameters()`, `optimizer.step`, the loss read back with `dataSync`. Cycles
 * through the batches in order (sliced once) unless `parts.batches` says otherwise.
 */
export function faninStep(
  spec: MlpSpec,
  name = 'fanin step',
  parts: FaninParts = {},
): TrainingContender {
  const registry = benchRegistry();
  const data = makeMlpData(spec);
  const model = parts.model?.(spec) ?? faninMlp(spec, registry);
  const optimizer =
    parts.optimizer?.(spec) ?? registry.optimizer('adam', { learningRate: spec.learningRate });
  const loss = registry.loss('softmaxCrossEntropy');
  const parameters = model.namedParameters();
  const readLoss = parts.readLoss ?? true;
  const source = parts.batches?.(data, spec) ?? presliced(data);
  let last = Number.NaN;
  const step = () => {
    const { x, y, owned } = source.next();
    const { value, grads } = valueAndGrad(
      () => loss.compute(model.apply(x, { training: true }), y),
      parameters,
    );
    try {
      optimizer.step(parameters, grads);
      if (readLoss) last = value.dataSync()[0]!;
    } finally {
      tf.dispose([value, ...grads.values()]);
      if (owned) tf.dispose([x, y]);
    }
  };
  return {
    name,
    stepMultiple: 1,
    async run(steps) {
      for (let i = 0; i < steps; i++) step();
    },
    lastLoss: () => (readLoss ? last : lossOf(model, loss, data.batches[0]!)),
    dispose() {
      source.dispose();
      model.dispose();
      optimizer.dispose();
      data.dispose();
    },
  };
}

function lossOf(model: Module, loss: Loss, batch: { x: Tensor; y: Tensor }): number {
  return tf.tidy(() => loss.compute(model.apply(batch.x), batch.y).dataSync()[0]!);
}

/**
 * fanin's `fit` (shuffled epochs, loss read back each batch, an event-loop yield per batch):
 * what `fanin train` runs. Steps are whole epochs of `spec.batchesPerEpoch` batches.
 */
export function faninFit(spec: MlpSpec, name = 'fanin fit'): TrainingContender {
  const registry = benchRegistry();
  const data = makeMlpData(spec);
  const model = faninMlp(spec, registry);
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
